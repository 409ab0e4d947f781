using Catalyst.Core.Processes;

namespace Catalyst.Agents.Tester;

/// <summary>One command to run against untrusted, generated code.</summary>
public sealed record SandboxCommand(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout)
{
    /// <summary>Extra variables the command needs (PORT, DATA_DIR); nothing else of ours is passed on.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Where generated code runs: a workspace it works in, a time limit per command, resource limits, and an
/// environment with none of Catalyst's secrets. The process sandbox runs here; a container sandbox can
/// take its place behind this seam.
/// </summary>
public interface ISandbox
{
    Task<ProcessResult> RunAsync(string workspace, SandboxCommand command, CancellationToken ct);

    /// <summary>Starts a long-running command (the app under test); its output goes to <paramref name="logFile"/>.</summary>
    IRunningProcess Start(string workspace, SandboxCommand command, string logFile);
}

public interface IRunningProcess : IAsyncDisposable
{
    bool HasExited { get; }
}
