using System.Text.Json.Nodes;

namespace Catalyst.Web.Chat;

/// <summary>
/// The understood spec of a task waiting for approval, as the chat shows it, and the user's answer. The Api
/// implements it with the same service as <c>/api/tasks/{id}/plan</c>. Answers are null when done, else a
/// sentence saying what to change.
/// </summary>
public interface IPlanReview
{
    Task<PlanForReview?> GetAsync(Guid taskId, CancellationToken ct);
    Task<string?> ApproveAsync(Guid taskId, JsonObject? correctedSpec, CancellationToken ct);
    Task<string?> RejectAsync(Guid taskId, CancellationToken ct);
}

/// <param name="Spec">The spec as <c>GET /api/tasks/{id}/plan</c> gives it: entities with typed fields.</param>
/// <param name="Relations">"Todo.owner → User", one per reference.</param>
/// <param name="FieldTypes">The types a field may take, for the type picker.</param>
public sealed record PlanForReview(JsonObject Spec, IReadOnlyList<string> Relations, IReadOnlyList<string> NotUnderstood, IReadOnlyList<string> FieldTypes);
