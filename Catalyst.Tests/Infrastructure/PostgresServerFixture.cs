using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Core.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for the whole test run, from the installed binaries, in a temporary folder on a
/// free loopback port. Started on first use; each test class takes its own database so classes stay isolated.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    readonly SemaphoreSlim gate = new(1, 1);
    TestDirectory? directory;
    PostgresCluster? cluster;
    string? unavailable;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A new, empty database on the shared server (skips or fails the test when there is no server).</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        var server = await GetClusterAsync();
        var database = name ?? $"t_{Guid.NewGuid():N}";
        await server.EnsureDatabaseAsync(database, CancellationToken.None);
        return server.ConnectionString(database);
    }

    /// <summary>A new database with the Catalyst schema applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return connectionString;
    }

    async Task<PostgresCluster> GetClusterAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (cluster is null && unavailable is null) await StartAsync();
        }
        finally { gate.Release(); }
        if (unavailable is not null) RequiredServer.Unavailable("PostgreSQL", unavailable);
        return cluster!;
    }

    async Task StartAsync()
    {
        var binaries = PostgresBinaries.Find();
        if (binaries is null) { unavailable = "initdb/pg_ctl were not found."; return; }
        directory = new TestDirectory("pg");
        // Test classes run in parallel, each with its own connection pools: allow more than the default 100.
        var candidate = new PostgresCluster(binaries, Path.Combine(directory.Path, "cluster"), new ProcessRunner(), NullLogger.Instance,
            "-c max_connections=500");
        try
        {
            await candidate.StartAsync(CancellationToken.None);
            cluster = candidate;
        }
        catch (Exception e) when (e is InvalidOperationException or ProcessFailedException)
        {
            unavailable = e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null) await cluster.StopAsync(CancellationToken.None);
        directory?.Dispose();
    }
}
