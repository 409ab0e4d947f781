using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>
/// Scans a PostgreSQL database read-only (spec 4.7 C): schemas, tables with row estimates, columns, keys,
/// relationships and indexes, then what is missing. Only loopback, local sockets and configured hosts can be
/// scanned, and the connection string is shown as host:port/database everywhere: findings, files, logs, errors.
/// </summary>
public sealed partial class DatabaseScanner(IOptions<DatabaseScanOptions> options, TimeProvider time, ILogger<DatabaseScanner> logger) : IExplorerScanner
{
    public ScanKind Kind => ScanKind.Database;

    public string? Refuse(string target, IReadOnlyDictionary<string, string> scanOptions)
    {
        DatabaseTarget.Parse(target, options.Value, out var refusal);
        return refusal;
    }

    public async Task<ScanResult> ScanAsync(ScanJob job, CancellationToken ct)
    {
        var settings = options.Value;
        var target = DatabaseTarget.Parse(job.Target, settings, out var refusal) ?? throw new InvalidOperationException(refusal);
        var started = time.GetTimestamp();
        LogScanning(logger, job.ScanId, target.Display);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(settings.TimeBudget);
        DatabaseSchema schema;
        try
        {
            job.Progress($"Connecting read-only to {target.Display}");
            await using var session = await ReadOnlySession.OpenAsync(target, settings, budget.Token);
            job.Progress("Reading the catalog");
            schema = await CatalogReader.ReadAsync(session, settings.MaxTables, budget.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Driver and server messages name hosts and roles, not passwords; scrubbed anyway, and never with the inner exception attached.
            var reason = e switch
            {
                PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
                OperationCanceledException => $"the time budget of {settings.TimeBudget.TotalSeconds:0} s ran out",
                _ => e.Message,
            };
            LogFailed(logger, job.ScanId, target.Display, target.Scrub(reason));
            throw new InvalidOperationException(target.Scrub($"Could not scan {target.Display}: {reason}"));
        }
        var elapsed = time.GetElapsedTime(started);
        var missing = DatabaseAssessment.MissingForeignKeyIndexes(schema);
        var result = DatabaseAssessment.Assess(target, schema, elapsed, IsLocal(target));
        await DatabaseFiles.WriteAsync(job.OutputDirectory, target, schema, missing, ct);
        LogScanned(logger, job.ScanId, target.Display, schema.Tables.Count, elapsed.TotalMilliseconds);
        return result;
    }

    static bool IsLocal(DatabaseTarget target) => DatabaseTarget.Parse(target.ConnectionString, new DatabaseScanOptions(), out _) is not null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database scan {ScanId} of {Database}")]
    static partial void LogScanning(ILogger logger, Guid scanId, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database scan {ScanId} of {Database} read {Tables} tables in {ElapsedMs:0} ms")]
    static partial void LogScanned(ILogger logger, Guid scanId, string database, int tables, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database scan {ScanId} of {Database} failed: {Reason}")]
    static partial void LogFailed(ILogger logger, Guid scanId, string database, string reason);
}
