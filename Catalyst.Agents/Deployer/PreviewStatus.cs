namespace Catalyst.Agents.Deployer;

/// <summary>What a preview should be doing (its lifecycle), as stored.</summary>
public static class PreviewStatus
{
    public const string Deploying = "deploying";
    public const string Running = "running";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
    public const string Expired = "expired";

    /// <summary>Written files only (compose_only mode): nothing runs.</summary>
    public const string Written = "written";

    /// <summary>The states in which something may be running that the monitor watches and clean-up may stop.</summary>
    public static IReadOnlyList<string> Active { get; } = [Deploying, Running];
}

/// <summary>What the monitor last saw.</summary>
public static class PreviewHealth
{
    public const string Healthy = "healthy";

    /// <summary>The process or container is gone.</summary>
    public const string Unhealthy = "unhealthy";

    /// <summary>It runs but /health did not answer 200.</summary>
    public const string Unreachable = "unreachable";
}
