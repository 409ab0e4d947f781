using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Llm;

public sealed record CostTotal(string Key, int Calls, long PromptTokens, long CompletionTokens, decimal Cost);

public sealed record LlmCallView(
    Guid Id, Guid? TaskId, string Agent, string Provider, string Model, int PromptTokens, int CompletionTokens,
    decimal Cost, int LatencyMs, string Outcome, string? Error, DateTimeOffset CreatedAt, bool CacheHit = false);

/// <summary>What model calls cost: in all, per task, agent, model and day, and the latest calls themselves.</summary>
public sealed record CostReport(
    bool ModelConfigured, int Calls, long PromptTokens, long CompletionTokens, decimal Cost,
    IReadOnlyList<CostTotal> ByTask, IReadOnlyList<CostTotal> ByAgent, IReadOnlyList<CostTotal> ByModel, IReadOnlyList<CostTotal> ByDay,
    IReadOnlyList<LlmCallView> LatestCalls);

public sealed class LlmCostQueries(CatalystDbContext db, AgentModels models)
{
    const int LatestCalls = 100;

    public async Task<CostReport> ReportAsync(Guid? taskId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var calls = db.LlmCalls.AsNoTracking();
        if (taskId is not null) calls = calls.Where(c => c.TaskId == taskId);
        if (from is { } start) calls = calls.Where(c => c.CreatedAt >= new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (to is { } end) calls = calls.Where(c => c.CreatedAt < new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        // Few enough rows per filter to total in memory; the grouping keys are then plain strings.
        var rows = await calls.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync(ct);
        IReadOnlyList<CostTotal> By(Func<Persistence.Entities.LlmCallEntity, string> key) => [.. rows.GroupBy(key)
            .Select(g => new CostTotal(g.Key, g.Count(), g.Sum(c => (long)c.PromptTokens), g.Sum(c => (long)c.CompletionTokens), g.Sum(c => c.Cost)))
            .OrderByDescending(t => t.Cost).ThenBy(t => t.Key)];

        return new CostReport(
            models.Enabled, rows.Count, rows.Sum(c => (long)c.PromptTokens), rows.Sum(c => (long)c.CompletionTokens), rows.Sum(c => c.Cost),
            By(c => c.TaskId?.ToString() ?? "none"), By(c => c.Agent), By(c => c.Model),
            [.. By(c => c.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd")).OrderBy(d => d.Key)],
            [.. rows.Take(LatestCalls).Select(c => new LlmCallView(c.Id, c.TaskId, c.Agent, c.Provider, c.Model, c.PromptTokens,
                c.CompletionTokens, c.Cost, c.LatencyMs, c.Outcome, c.Error, c.CreatedAt, c.CacheHit))]);
    }
}
