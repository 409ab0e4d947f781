using System.Collections.Concurrent;
using Catalyst.Core.Processes;

namespace Catalyst.Tests.Infrastructure;

/// <summary>The real process runner, remembering every command it ran: to prove what was (not) run, e.g. served from a cache.</summary>
public sealed class RecordingProcessRunner : IProcessRunner
{
    readonly ProcessRunner inner = new();

    public ConcurrentQueue<ProcessSpec> Runs { get; } = new();

    /// <summary>How many git commands had <paramref name="argument"/> among their arguments ("ls-tree", "--numstat").</summary>
    public int Count(string argument) => Runs.Count(r => r.FileName == "git" && r.Arguments.Contains(argument));

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct)
    {
        Runs.Enqueue(spec);
        return inner.RunAsync(spec, ct);
    }

    public Task<BinaryProcessResult> RunForBytesAsync(ProcessSpec spec, int maxOutputBytes, CancellationToken ct)
    {
        Runs.Enqueue(spec);
        return inner.RunForBytesAsync(spec, maxOutputBytes, ct);
    }
}
