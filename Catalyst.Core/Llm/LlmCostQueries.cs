using System.Linq.Expressions;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
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

/// <param name="modelConfigured">Whether a model is configured, so an empty report can say why it is empty.</param>
public sealed class LlmCostQueries(CatalystDbContext db, bool modelConfigured)
{
    const int LatestCalls = 100;

    public async Task<CostReport> ReportAsync(Guid? taskId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var calls = db.LlmCalls.AsNoTracking();
        if (taskId is not null) calls = calls.Where(c => c.TaskId == taskId);
        if (from is { } start) calls = calls.Where(c => c.CreatedAt >= new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (to is { } end) calls = calls.Where(c => c.CreatedAt < new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        var byTask = await TotalsAsync(calls, c => c.TaskId, key => key?.ToString() ?? "none", ct);
        var byAgent = await TotalsAsync(calls, c => c.Agent, key => key, ct);
        var byModel = await TotalsAsync(calls, c => c.Model, key => key, ct);
        // Npgsql reads the parts of a timestamptz in UTC, so days are UTC days whatever the server's time zone.
        var byDay = await TotalsAsync(calls, c => new { c.CreatedAt.Year, c.CreatedAt.Month, c.CreatedAt.Day },
            key => new DateOnly(key.Year, key.Month, key.Day).ToString("yyyy-MM-dd"), ct);
        var latest = await calls.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(LatestCalls)
            .Select(c => new LlmCallView(c.Id, c.TaskId, c.Agent, c.Provider, c.Model, c.PromptTokens,
                c.CompletionTokens, c.Cost, c.LatencyMs, c.Outcome, c.Error, c.CreatedAt, c.CacheHit))
            .ToListAsync(ct);

        return new CostReport(
            modelConfigured, byAgent.Sum(t => t.Calls), byAgent.Sum(t => t.PromptTokens), byAgent.Sum(t => t.CompletionTokens), byAgent.Sum(t => t.Cost),
            byTask, byAgent, byModel, [.. byDay.OrderBy(d => d.Key)], latest);
    }

    /// <summary>Totals grouped by <paramref name="key"/> in the database, so a long history never comes into memory.</summary>
    static async Task<IReadOnlyList<CostTotal>> TotalsAsync<TKey>(
        IQueryable<LlmCallEntity> calls, Expression<Func<LlmCallEntity, TKey>> key, Func<TKey, string> name, CancellationToken ct)
    {
        var groups = await calls.GroupBy(key)
            .Select(g => new { g.Key, Calls = g.Count(), Prompt = g.Sum(c => (long)c.PromptTokens), Completion = g.Sum(c => (long)c.CompletionTokens), Cost = g.Sum(c => c.Cost) })
            .ToListAsync(ct);
        return [.. groups.Select(g => new CostTotal(name(g.Key), g.Calls, g.Prompt, g.Completion, g.Cost))
            .OrderByDescending(t => t.Cost).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }
}
