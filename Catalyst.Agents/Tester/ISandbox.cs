using Catalyst.Core.Processes;

namespace Catalyst.Agents.Tester;

/// <summary>One command to run against untrusted, generated code.</summary>
public sealed record SandboxCommand(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout)
{
    /// <summary>Extra variables the command needs (PORT, DATA_DIR); nothing else of ours is passed on.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the command must reach the network (a package restore); everything else runs without one.</summary>
    public bool NeedsNetwork { get; init; }

    /// <summary>Where it runs; the workspace unless set.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Folders outside the workspace it reads (a preview's built app); all else of the data root stays hidden.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>Folders outside the workspace it writes (a preview's data folder).</summary>
    public IReadOnlyList<string> WritablePaths { get; init; } = [];
}

/// <summary>
/// Where generated code runs: a workspace it works in, a time limit per command, resource limits, and an
/// environment with none of Catalyst's secrets: <see cref="ProcessSandbox"/> without Docker, and
/// <see cref="ContainerSandbox"/> when a Docker daemon is configured.
/// </summary>
public interface ISandbox
{
    Task<ProcessResult> RunAsync(string workspace, SandboxCommand command, CancellationToken ct);

    /// <summary>
    /// Starts a long-running command (the app under test), reachable from the host on 127.0.0.1 at the PORT in
    /// its environment; its output goes to <paramref name="logFile"/>.
    /// </summary>
    Task<IRunningProcess> StartAsync(string workspace, SandboxCommand command, string logFile, CancellationToken ct);
}

public interface IRunningProcess : IAsyncDisposable
{
    bool HasExited { get; }
}
