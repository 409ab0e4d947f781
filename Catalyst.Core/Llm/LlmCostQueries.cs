using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Llm;

/// <summary>Tokens and cost of the model calls of one task, or of one day.</summary>
public sealed record LlmCostLine(string Key, int Calls, long PromptTokens, long CompletionTokens, decimal Cost);

/// <summary>What the model calls recorded in <c>llm_calls</c> cost, per task and per day (UTC).</summary>
public sealed class LlmCostQueries(CatalystDbContext db)
{
    public async Task<IReadOnlyList<LlmCostLine>> PerTaskAsync(int limit, CancellationToken ct) =>
        (await db.LlmCalls.AsNoTracking()
            .Where(c => c.TaskId != null)
            .GroupBy(c => c.TaskId)
            .Select(g => new { g.Key, Calls = g.Count(), Prompt = g.Sum(c => (long)c.PromptTokens), Completion = g.Sum(c => (long)c.CompletionTokens), Cost = g.Sum(c => c.Cost), Last = g.Max(c => c.CreatedAt) })
            .OrderByDescending(g => g.Last).Take(limit)
            .ToListAsync(ct))
        .Select(g => new LlmCostLine(g.Key!.Value.ToString(), g.Calls, g.Prompt, g.Completion, g.Cost)).ToList();

    public async Task<IReadOnlyList<LlmCostLine>> PerDayAsync(int days, CancellationToken ct)
    {
        var calls = await db.LlmCalls.AsNoTracking()
            .OrderByDescending(c => c.CreatedAt).Take(100_000)
            .Select(c => new { c.CreatedAt, c.PromptTokens, c.CompletionTokens, c.Cost })
            .ToListAsync(ct);
        return [.. calls.GroupBy(c => c.CreatedAt.UtcDateTime.Date).OrderByDescending(g => g.Key).Take(days)
            .Select(g => new LlmCostLine(g.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), g.Count(),
                g.Sum(c => (long)c.PromptTokens), g.Sum(c => (long)c.CompletionTokens), g.Sum(c => c.Cost)))];
    }
}
