using System.Runtime.Versioning;
using Catalyst.Core.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Core.Persistence.Embedded;

/// <summary>
/// Embedded mode's database: when no connection string is configured, runs a private PostgreSQL cluster
/// under {DataRoot}/postgres, on the port <see cref="EmbeddedPostgresEndpoint"/> reserved, for the lifetime of the host. Data stays there between runs. The server is
/// supervised: when it dies it is started again with back-off, and <see cref="DatabaseAvailability"/> says so
/// meanwhile, logged once per outage.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresService(
    EmbeddedPostgresEndpoint endpoint,
    DatabaseAvailability availability,
    IServiceProvider services,
    IOptions<EmbeddedPostgresOptions> options,
    IProcessRunner runner,
    TimeProvider time,
    ILogger<EmbeddedPostgresService> logger) : IHostedService
{
    // Never disposed: it has no timer, and the host may stop this service after disposing the container.
    readonly CancellationTokenSource stopping = new();
    PostgresCluster? cluster;
    Task? supervision;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find(options.Value.BinDirectory);
        if (binaries is null)
        {
            logger.LogCritical("{Hint}", PostgresBinaries.InstallHint);
            throw new EmbeddedPostgresUnavailableException(PostgresBinaries.InstallHint);
        }

        cluster = new PostgresCluster(binaries, endpoint.BaseDirectory, runner, logger, reservedPort: endpoint.Port);
        await cluster.StartAsync(cancellationToken);
        await cluster.EnsureDatabaseAsync(options.Value.Database, cancellationToken);
        supervision = SuperviseAsync(cluster, stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (supervision is not null) await supervision;
        if (cluster is not null) await cluster.StopAsync(CancellationToken.None);
    }

    async Task SuperviseAsync(PostgresCluster server, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.WatchInterval, time, ct);
                if (!server.IsServerAlive()) await RecoverAsync(server, ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested) { } // the host is stopping
    }

    /// <summary>One outage: logged once when seen and once when over; restart attempts back off in between.</summary>
    async Task RecoverAsync(PostgresCluster server, CancellationToken ct)
    {
        var since = time.GetUtcNow();
        var delay = options.Value.WatchInterval;
        availability.MarkDown(since, delay);
        logger.LogError(
            "The embedded PostgreSQL server ({DataDirectory}) is not running; restarting it. Until it is back the Api answers 503 and the agents wait",
            server.DataDirectory);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await server.RestartAsync(ct);
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRestartDelay.Ticks));
                availability.ExpectBackIn(delay);
                // Early failures are expected (the dead server's backends are still exiting); only persistent ones are worth a line.
                logger.Log(attempt < 3 ? LogLevel.Debug : LogLevel.Warning, ex,
                    "Restart attempt {Attempt} of the embedded PostgreSQL server failed; next in {Delay}", attempt, delay);
                await Task.Delay(delay, time, ct);
            }
        }

        // Pooled connections still point at the dead server; drop them so no request meets one: the data source's
        // and the pools EF Core opens by connection string.
        services.GetService<NpgsqlDataSource>()?.Clear();
        NpgsqlConnection.ClearAllPools();
        availability.MarkUp();
        logger.LogWarning("The embedded PostgreSQL server is back after {Downtime:0.0} s", (time.GetUtcNow() - since).TotalSeconds);
    }
}

public sealed class EmbeddedPostgresUnavailableException(string message) : Exception(message);
