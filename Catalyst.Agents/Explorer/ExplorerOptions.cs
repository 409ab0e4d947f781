using System.ComponentModel.DataAnnotations;

namespace Catalyst.Agents.Explorer;

/// <summary>Catalyst:Explorer: what the Explorer may scan and how far it goes (spec section 9's explorer block).</summary>
public sealed class ExplorerOptions
{
    public const string Section = "Catalyst:Explorer";

    /// <summary>
    /// Folders whose repositories may be scanned by local path or file:// URL. Catalyst's own repositories
    /// ({DataRoot}/repos) are always allowed; nothing else is unless listed here.
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>A clone that grows past this is stopped, and the scan fails saying so.</summary>
    [Range(1, 100_000)]
    public int MaxRepositorySizeMb { get; set; } = 500;

    /// <summary>How many commits a clone fetches where the transport can clone shallow (commit activity counts these).</summary>
    [Range(1, 100_000)]
    public int CloneDepth { get; set; } = 100;

    /// <summary>At most this many files are read; the rest are counted as skipped.</summary>
    [Range(1, 1_000_000)]
    public int MaxFiles { get; set; } = 20_000;

    /// <summary>A scan taking longer than this is stopped and fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}
