using System.Diagnostics;
using Catalyst.Core.Agents;
using Catalyst.Tests.Worker.Scripted;
using Npgsql;

namespace Catalyst.Tests.Pipeline;

/// <summary>Reads what the pipeline left in PostgreSQL, to assert on it.</summary>
public sealed class PipelineDatabase(string connectionString) : IAsyncDisposable
{
    readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public string ConnectionString => connectionString;

    public static readonly string[] PipelineEvents = [PipelineStages.All[0].Consumes, .. PipelineStages.All.Select(s => s.Emits)];

    public static readonly string[] PipelineAgents = [.. PipelineStages.All.Select(s => s.Agent)];

    public async Task CreateEffectsTableAsync()
    {
        await using var cmd = dataSource.CreateCommand(ScriptedPipeline.EffectsTableSql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<Dictionary<Guid, string>> StatusesAsync(IReadOnlyCollection<Guid> taskIds)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id, status FROM tasks WHERE id = ANY($1)");
        cmd.Parameters.Add(new() { Value = taskIds.ToArray() });
        var result = new Dictionary<Guid, string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetGuid(0)] = reader.GetString(1);
        return result;
    }

    public async Task<Dictionary<Guid, string>> WaitForStatusAsync(
        IReadOnlyCollection<Guid> taskIds, Func<string, bool> done, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await StatusesAsync(taskIds);
            if (statuses.Count == taskIds.Count && statuses.Values.All(done)) return statuses;
            if (clock.Elapsed > timeout)
                throw new TimeoutException(
                    $"Tasks not done after {timeout.TotalSeconds:0} s: {string.Join(", ", statuses.GroupBy(s => s.Value).Select(g => $"{g.Count()} {g.Key}"))}\n{diagnostics?.Invoke()}");
            await Task.Delay(100);
        }
    }

    public Task<Dictionary<Guid, string>> WaitForCompletionAsync(IReadOnlyCollection<Guid> taskIds, TimeSpan timeout, Func<string>? diagnostics = null) =>
        WaitForStatusAsync(taskIds, s => s is "completed" or "failed" or "cancelled", timeout, diagnostics);

    public async Task<List<(string EventType, int Count)>> EventCountsAsync(Guid taskId) =>
        await QueryPairsAsync("SELECT event_type, count(*)::int FROM agent_events WHERE task_id = $1 GROUP BY event_type", taskId);

    public async Task<List<(string Agent, int Count)>> EffectCountsAsync(Guid taskId) =>
        await QueryPairsAsync("SELECT agent, count(*)::int FROM test_effects WHERE task_id = $1 GROUP BY agent", taskId);

    /// <summary>Asserts the task completed and its audit trail and effects show every step exactly once.</summary>
    public async Task AssertRanExactlyOnceAsync(Guid taskId, params string[] alsoExpected)
    {
        Assert.Equal("completed", (await StatusesAsync([taskId]))[taskId]);
        var events = await EventCountsAsync(taskId);
        Assert.Equal(PipelineEvents.Concat(alsoExpected).Order(), events.Select(e => e.EventType).Order());
        Assert.All(events, e => Assert.True(e.Count == 1, $"{e.EventType} was recorded {e.Count} times for {taskId}"));
        var effects = await EffectCountsAsync(taskId);
        Assert.Equal(PipelineAgents.Order(), effects.Select(e => e.Agent).Order());
        Assert.All(effects, e => Assert.True(e.Count == 1, $"{e.Agent}'s effect was applied {e.Count} times for {taskId}"));
    }

    /// <summary>Every outbox row of the task carries a traceparent in the task's own trace.</summary>
    public async Task AssertOneTraceAsync(Guid taskId)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT t.trace_id, o.event_type, o.headers->>'traceparent'
            FROM outbox o JOIN tasks t ON t.id = (o.body->>'task_id')::uuid WHERE t.id = $1
            """);
        cmd.Parameters.Add(new() { Value = taskId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            var traceParent = reader.IsDBNull(2) ? null : reader.GetString(2);
            Assert.True(traceParent is not null, $"{reader.GetString(1)} has no traceparent");
            Assert.Equal(reader.GetGuid(0).ToString("N"), traceParent.Split('-')[1]);
        }
        Assert.Equal(PipelineEvents.Length, rows);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var p in parameters) cmd.Parameters.Add(new() { Value = p });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>What happened to a task, for a failure message: its failure reason, its events in order, and its warnings and errors.</summary>
    public async Task<string> StoryAsync(Guid taskId)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT 'failure: ' || coalesce(failure_reason, '-') FROM tasks WHERE id = $1
            UNION ALL (SELECT 'event: ' || event_type || ' by ' || actor FROM agent_events WHERE task_id = $1 ORDER BY id)
            UNION ALL (SELECT 'log ' || level || ' ' || agent_name || ': ' || left(message, 600) FROM agent_logs
                       WHERE task_id = $1 AND lower(level) IN ('warning', 'error', 'critical') ORDER BY timestamp)
            """);
        cmd.Parameters.Add(new() { Value = taskId });
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    async Task<List<(string, int)>> QueryPairsAsync(string sql, Guid taskId)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.Add(new() { Value = taskId });
        var result = new List<(string, int)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add((reader.GetString(0), reader.GetInt32(1)));
        return result;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
