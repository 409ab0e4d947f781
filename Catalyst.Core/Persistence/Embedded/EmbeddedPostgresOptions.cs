using System.ComponentModel.DataAnnotations;

namespace Catalyst.Core.Persistence.Embedded;

public sealed class EmbeddedPostgresOptions
{
    public const string Section = "Catalyst:Postgres";

    /// <summary>Folder holding initdb and pg_ctl; found automatically when empty.</summary>
    public string? BinDirectory { get; set; }

    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Database must be a plain lower-case identifier.")]
    public string Database { get; set; } = "catalyst";
}
