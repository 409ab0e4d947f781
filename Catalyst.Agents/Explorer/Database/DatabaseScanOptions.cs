using System.ComponentModel.DataAnnotations;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>
/// Bounds and reach of a database scan. Loopback hosts and local sockets are always allowed; other hosts must be
/// named in <see cref="AllowedHosts"/> (names, addresses or CIDR ranges), because a connection string is otherwise
/// a way to make Catalyst probe any database its network can reach.
/// </summary>
public sealed class DatabaseScanOptions
{
    public const string Section = "Catalyst:Explorer:Database";

    /// <summary>Every catalog query runs under this statement_timeout.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole scan, connection included.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tables read in detail; beyond this the report says the database was truncated.</summary>
    [Range(1, 100_000)]
    public int MaxTables { get; set; } = 500;

    /// <summary>Database hosts besides loopback and local sockets: "db.internal", "10.0.5.7" or "10.0.5.0/24".</summary>
    public List<string> AllowedHosts { get; set; } = [];
}
