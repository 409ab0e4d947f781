using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// Keeps previews true to what runs: at start-up it reconciles (adopts survivors, marks the vanished, stops
/// orphans), then checks health every <see cref="PreviewOptions.HealthInterval"/>, restarts previews whose process
/// or container died every <see cref="PreviewOptions.LivenessInterval"/>, and removes expired previews
/// every <see cref="PreviewOptions.CleanupInterval"/>. With several replicas, a PostgreSQL advisory lock lets
/// one sweep at a time.
/// </summary>
public sealed class PreviewMonitor(IServiceProvider services, IOptions<PreviewOptions> options, ILogger<PreviewMonitor> logger) : BackgroundService
{
    const long SweepLockKey = 0x50_52_45_56_49_45_57; // "PREVIEW"

    // Resolved once running: hosted services are all constructed before the embedded database has started.
    PreviewManager previews = null!;
    NpgsqlDataSource dataSource = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        previews = services.GetRequiredService<PreviewManager>();
        dataSource = services.GetRequiredService<NpgsqlDataSource>();
        // The start-up reconcile waits its turn: skipping it would leave the previews of before unreconciled.
        await SweepAsync("reconcile", previews.ReconcileAsync, stoppingToken, wait: true);
        await SweepAsync("health check", previews.CheckHealthAsync, stoppingToken);
        await Task.WhenAll(
            EveryAsync(options.Value.HealthInterval, "health check", previews.CheckHealthAsync, stoppingToken),
            EveryAsync(options.Value.LivenessInterval, "liveness check", previews.ReviveAsync, stoppingToken),
            EveryAsync(options.Value.CleanupInterval, "expiry", async ct => await previews.ExpireAsync(ct), stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!options.Value.StopOnShutdown || previews is null) return;
        try
        {
            foreach (var preview in await previews.ListAsync(activeOnly: true, cancellationToken))
            {
                logger.LogInformation("Stopping the preview of task {TaskId} (Catalyst:Preview:StopOnShutdown)", preview.TaskId);
                await previews.DeleteAsync(preview.TaskId, cancellationToken);
            }
        }
        catch (ObjectDisposedException e)
        {
            // A host disposed without a graceful stop: what still runs is stopped as an orphan at the next start.
            logger.LogWarning(e, "Could not stop the previews at shutdown: the database connection is already gone");
        }
    }

    async Task EveryAsync(TimeSpan interval, string name, Func<CancellationToken, Task> sweep, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await SweepAsync(name, sweep, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task SweepAsync(string name, Func<CancellationToken, Task> sweep, CancellationToken ct, bool wait = false)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using (var take = new NpgsqlCommand(wait ? $"SELECT true FROM pg_advisory_lock({SweepLockKey})" : $"SELECT pg_try_advisory_lock({SweepLockKey})", connection))
                if (await take.ExecuteScalarAsync(ct) is not true) return; // another replica is sweeping
            try { await sweep(ct); }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SweepLockKey})", connection);
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            // A sweep that fails (database away, a runtime error) is tried again at the next tick.
            logger.LogWarning(e, "The preview {Sweep} failed; trying again at the next interval", name);
        }
    }
}
