using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Agents.Tester;

/// <summary>At start-up, kills the sandboxed runs a crashed Catalyst process left behind, and says whether runs are confined.</summary>
public sealed partial class SandboxReaper(ProcessSandbox sandbox, ILogger<SandboxReaper> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (sandbox.ReapLeftovers() is > 0 and var reaped) LogReaped(logger, reaped);
        if (sandbox.Confinement.Missing is { } missing) LogUnconfined(logger, missing);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killed {Count} sandboxed runs that an earlier Catalyst process left running")]
    static partial void LogReaped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process sandbox is UNCONFINED: {Missing}. Generated code will run as Catalyst's user, in its namespaces and network; see docs/previews.md")]
    static partial void LogUnconfined(ILogger logger, string missing);
}
