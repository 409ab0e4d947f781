using System.Runtime.CompilerServices;
using Npgsql;

// The tests prove through the scanner's own session that a write fails; nothing else needs to open one.
[assembly: InternalsVisibleTo("Catalyst.Tests")]

namespace Catalyst.Agents.Explorer.Database;

/// <summary>
/// The database scan's connection, read-only three times over: the server starts the session with
/// default_transaction_read_only, the session's transactions are declared READ ONLY, and every query runs inside
/// one REPEATABLE READ READ ONLY transaction (which also gives every catalog query the same snapshot). Whatever
/// rights the role has, nothing the scan sends can write. Each query is bounded by statement_timeout.
/// </summary>
internal sealed class ReadOnlySession : IAsyncDisposable
{
    ReadOnlySession(NpgsqlConnection connection) => Connection = connection;

    public NpgsqlConnection Connection { get; }

    public static async Task<ReadOnlySession> OpenAsync(DatabaseTarget target, DatabaseScanOptions options, CancellationToken ct)
    {
        var timeoutMs = (long)options.StatementTimeout.TotalMilliseconds;
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString)
        {
            ApplicationName = "catalyst-explorer",
            // Its own physical connection: session settings must not be handed to the next user of a pool.
            Pooling = false,
            Timeout = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds)),
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.StatementTimeout.TotalSeconds)) + 5,
            IncludeErrorDetail = false,
            LogParameters = false,
        };
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on -c statement_timeout={timeoutMs}".Trim();
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using (var setup = new NpgsqlCommand(
                $"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET default_transaction_read_only = on; SET statement_timeout = {timeoutMs}; " +
                "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", connection))
                await setup.ExecuteNonQueryAsync(ct);
            return new ReadOnlySession(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection);

    // Closing without COMMIT rolls the (read-only) transaction back; there is nothing to keep.
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
