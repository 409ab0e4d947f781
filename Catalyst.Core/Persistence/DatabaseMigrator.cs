using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalyst.Core.Persistence;

/// <summary>
/// Applies the versioned SQL scripts in Persistence/Migrations, each once, in order, each in its own
/// transaction. A session advisory lock makes concurrent starts (several Api or worker replicas) safe, and a
/// checksum per script refuses to run against a database whose applied history was edited afterwards.
/// EF Core's design-time tooling does not restore here, so migrations are plain, reviewable SQL.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    const long AdvisoryLockKey = 0x43_41_54_41_4C_59_53_54; // "CATALYST"
    const string ResourcePrefix = "Catalyst.Migrations.";

    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now())
                """, ct);

            var applied = await ReadAppliedAsync(connection, ct);
            var newlyApplied = new List<string>();
            foreach (var migration in Migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was changed after it was applied to this database. " +
                            "Add a new migration instead of editing an applied one.");
                    continue;
                }
                await ApplyAsync(connection, migration, ct);
                newlyApplied.Add(migration.Name);
            }
            logger.LogInformation("Database schema is at version {Version} ({Applied} migration(s) applied now)",
                Migrations.Count == 0 ? 0 : Migrations[^1].Version, newlyApplied.Count);
            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var script = new NpgsqlCommand(migration.Sql, connection, tx))
            await script.ExecuteNonQueryAsync(ct);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, tx))
        {
            record.Parameters.Add(new() { Value = migration.Version });
            record.Parameters.Add(new() { Value = migration.Name });
            record.Parameters.Add(new() { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static List<Migration> LoadMigrations()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Migration.FromResource(assembly, n, n[ResourcePrefix.Length..^".sql".Length]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public sealed record Migration(int Version, string Name, string Sql, string Checksum)
    {
        internal static Migration FromResource(Assembly assembly, string resource, string name)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
            var separator = name.IndexOf('_');
            if (separator <= 0 || !int.TryParse(name[..separator], out var version))
                throw new InvalidOperationException($"Migration '{name}' must be named NNNN_description.sql.");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            return new Migration(version, name, sql, checksum);
        }
    }
}
