using Catalyst.Core.Persistence;
using Catalyst.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Catalyst.Tests.Persistence;

public sealed class MigrationTests(PostgresServerFixture postgres)
{
    static readonly string[] ExpectedTables =
    [
        "agent_events", "agent_logs", "conversation_messages", "conversations", "dead_letters", "embeddings", "explorer_scans",
        "generated_projects", "inbox", "llm_calls", "outbox", "preview_deployments", "preview_port_leases", "projects", "schema_migrations", "tasks",
    ];

    [Fact]
    public async Task Migrations_create_every_table_on_an_empty_database()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var applied = await Migrator(dataSource).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DatabaseMigrator.Migrations.Select(m => m.Name), applied);
        Assert.Equal(ExpectedTables, await TablesAsync(dataSource));
    }

    [Fact]
    public async Task Migrating_again_applies_nothing_and_keeps_the_data()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var insert = dataSource.CreateCommand("INSERT INTO projects (id, name, slug) VALUES (gen_random_uuid(), 'Kept', 'kept')"))
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var applied = await Migrator(dataSource).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(applied);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM projects WHERE slug = 'kept'");
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_starts_apply_each_migration_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator(dataSource).MigrateAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(DatabaseMigrator.Migrations.Count, runs.Sum(r => r.Count));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_is_refused()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var tamper = dataSource.CreateCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"))
            await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(dataSource).MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Contains("was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task The_EF_model_matches_the_migrated_schema()
    {
        // Materialising every entity type makes EF name every mapped column: a drifted name fails here.
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var db = TestDb.Context(connectionString);
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await db.Projects.ToListAsync(ct));
        Assert.Empty(await db.Tasks.ToListAsync(ct));
        Assert.Empty(await db.AgentEvents.ToListAsync(ct));
        Assert.Empty(await db.PreviewDeployments.ToListAsync(ct));
        Assert.Empty(await db.ExplorerScans.ToListAsync(ct));
        Assert.Empty(await db.Conversations.Include(c => c.Messages).ToListAsync(ct));
        Assert.Empty(await db.AgentLogs.ToListAsync(ct));
        Assert.Empty(await db.GeneratedProjects.ToListAsync(ct));
        Assert.Empty(await db.Outbox.ToListAsync(ct));
        Assert.Empty(await db.Inbox.ToListAsync(ct));
        Assert.Empty(await db.LlmCalls.ToListAsync(ct));
        Assert.Empty(await db.Embeddings.ToListAsync(ct));
        Assert.Empty(await db.DeadLetters.ToListAsync(ct));
        // Every table is an entity but the migrator's own and the port leases (taken with raw SQL under an advisory lock).
        Assert.Equal(ExpectedTables.Except(["schema_migrations", "preview_port_leases"]).Count(), db.Model.GetEntityTypes().Count());
    }

    static DatabaseMigrator Migrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<DatabaseMigrator>.Instance);

    static async Task<string[]> TablesAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        await using var reader = await cmd.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return [.. tables];
    }
}
