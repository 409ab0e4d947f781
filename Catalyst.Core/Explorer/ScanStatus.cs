namespace Catalyst.Core.Explorer;

/// <summary>Where an Explorer scan stands (explorer_scans.status).</summary>
public static class ScanStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>The kinds of scan by their wire names (explorer_scans.scan_type, the API's "type").</summary>
public static class ScanTypes
{
    public const string Repository = "repository";
    public const string Deployment = "deployment";
    public const string Database = "database";

    public static IReadOnlyList<string> All { get; } = [Repository, Deployment, Database];
}
