using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Web.Chat;

namespace Catalyst.Api.Chat;

/// <summary>The chat's way into <see cref="PlanApprovals"/>: the same reading, approval and rejection as /api/tasks/{id}/plan.</summary>
public sealed class PlanReview(IServiceScopeFactory scopes, OutboxSignal outbox) : IPlanReview
{
    static readonly IReadOnlyList<string> FieldTypes = [.. Enum.GetValues<FieldType>().Select(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.ToString()))];

    public async Task<PlanForReview?> GetAsync(Guid taskId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<PlanApprovals>().GetAsync(taskId, ct);
        return plan?.Spec is JsonObject spec
            ? new PlanForReview(spec, [.. plan.Relations.Select(r => $"{r.From}.{r.Field} → {r.To}")], plan.NotUnderstood, FieldTypes)
            : null;
    }

    public async Task<string?> ApproveAsync(Guid taskId, JsonObject? correctedSpec, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PlanApprovals>().ApproveAsync(taskId, correctedSpec, ct);
        if (result.Outcome == ApprovalOutcome.Approved) { outbox.Notify(); return null; }
        return result.Detail ?? "The plan could not be approved.";
    }

    public async Task<string?> RejectAsync(Guid taskId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PlanApprovals>().RejectAsync(taskId, "rejected in the chat", ct);
        if (result.Outcome == ApprovalOutcome.Rejected) { outbox.Notify(); return null; }
        return result.Detail ?? "The plan could not be rejected.";
    }
}
