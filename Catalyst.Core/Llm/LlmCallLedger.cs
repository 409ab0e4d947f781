using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Llm;

/// <summary>
/// The record of model calls (<c>llm_calls</c>). Written in a unit of work of its own, at once: a call is paid
/// for even when the step that made it later fails and is retried. The task row itself is left to the step that
/// owns it (its version guards against two writers); the step copies the total returned here into it.
/// </summary>
public sealed class LlmCallLedger(IServiceScopeFactory scopes, IOptionsMonitor<LlmOptions> options, TimeProvider time)
{
    /// <summary>Records the call; returns what the task has spent in all, this call included.</summary>
    public async Task<decimal> RecordAsync(LlmCallSite site, string model, long promptTokens, long completionTokens, TimeSpan latency,
        string outcome, string? error, CancellationToken ct, bool cacheHit = false)
    {
        var cost = cacheHit ? 0m : options.CurrentValue.CostOf(model, promptTokens, completionTokens);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        db.LlmCalls.Add(new LlmCallEntity
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            TaskId = site.TaskId,
            Agent = site.Agent,
            Provider = site.Provider.ToString().ToLowerInvariant(),
            Model = model,
            PromptTokens = (int)Math.Min(promptTokens, int.MaxValue),
            CompletionTokens = (int)Math.Min(completionTokens, int.MaxValue),
            Cost = cost,
            LatencyMs = (int)latency.TotalMilliseconds,
            Succeeded = outcome == LlmOutcomes.Ok,
            CacheHit = cacheHit,
            Outcome = outcome,
            Error = error is null ? null : SecretRedactor.Redact(error),
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return site.TaskId is { } taskId ? await db.LlmCalls.Where(c => c.TaskId == taskId).SumAsync(c => c.Cost, ct) : cost;
    }

    /// <summary>What the task has spent, and whether the cap (<see cref="LlmOptions.MaxCostPerTask"/>) allows another call.</summary>
    public async Task<(decimal Spent, bool Allowed)> BudgetAsync(Guid? taskId, CancellationToken ct)
    {
        if (taskId is null || options.CurrentValue.MaxCostPerTask is not { } cap) return (0m, true);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var spent = await db.LlmCalls.Where(c => c.TaskId == taskId).SumAsync(c => c.Cost, ct);
        return (spent, spent < cap);
    }
}

/// <summary>Who is calling the model, for which task, through which provider; told the task's total after each call.</summary>
public sealed record LlmCallSite(string Agent, Guid? TaskId, LlmProvider Provider, Action<decimal>? OnSpent = null);
