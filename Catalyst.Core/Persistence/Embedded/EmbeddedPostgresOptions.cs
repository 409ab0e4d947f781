using System.ComponentModel.DataAnnotations;

namespace Catalyst.Core.Persistence.Embedded;

public sealed class EmbeddedPostgresOptions
{
    public const string Section = "Catalyst:Postgres";

    /// <summary>Folder holding initdb and pg_ctl; found automatically when empty.</summary>
    public string? BinDirectory { get; set; }

    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Database must be a plain lower-case identifier.")]
    public string Database { get; set; } = "catalyst";

    /// <summary>How often the supervisor checks that the server process is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two restart attempts of a dead server (the wait doubles from WatchInterval).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);
}
