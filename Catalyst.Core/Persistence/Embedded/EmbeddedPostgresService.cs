using System.Runtime.Versioning;
using Catalyst.Core.Configuration;
using Catalyst.Core.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Persistence.Embedded;

/// <summary>
/// Embedded mode's database: when no connection string is configured, runs a private PostgreSQL cluster
/// under {DataRoot}/postgres for the lifetime of the host. Data stays there between runs.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresService(
    CatalystDatabase database,
    IOptions<CatalystOptions> catalyst,
    IOptions<EmbeddedPostgresOptions> options,
    IProcessRunner runner,
    ILogger<EmbeddedPostgresService> logger) : IHostedService
{
    PostgresCluster? cluster;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.IsConfigured) return;

        var binaries = PostgresBinaries.Find(options.Value.BinDirectory);
        if (binaries is null)
        {
            logger.LogCritical("{Hint}", PostgresBinaries.InstallHint);
            throw new EmbeddedPostgresUnavailableException(PostgresBinaries.InstallHint);
        }

        cluster = new PostgresCluster(binaries, Path.Combine(catalyst.Value.FullDataRoot, "postgres"), runner, logger);
        await cluster.StartAsync(cancellationToken);
        await cluster.EnsureDatabaseAsync(options.Value.Database, cancellationToken);
        database.UseEmbedded(cluster.ConnectionString(options.Value.Database));
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        cluster?.StopAsync(CancellationToken.None) ?? Task.CompletedTask;
}

public sealed class EmbeddedPostgresUnavailableException(string message) : Exception(message);
