using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Agents.Planner;

/// <summary>The understood spec as the user reviews it before any code is written.</summary>
public sealed record UnderstoodPlan(
    Guid TaskId, string Status, JsonNode Spec, IReadOnlyList<PlanRelation> Relations,
    IReadOnlyList<string> NotUnderstood, IReadOnlyList<string> Limitations, IReadOnlyList<string> Notes);

public sealed record PlanRelation(string From, string Field, string To);

public enum ApprovalOutcome { Approved, Rejected, TaskNotFound, NotAwaitingApproval, InvalidSpec }

public sealed record ApprovalResult(ApprovalOutcome Outcome, string? Detail = null, Dictionary<string, string[]>? Errors = null, TaskView? Task = null);

/// <summary>
/// The user's side of awaiting_approval: read the understood spec, approve it (maybe corrected) so the
/// Planner goes on from it, or reject it, which cancels the task. Each answer is one transaction with the
/// event it causes.
/// </summary>
public sealed class PlanApprovals(CatalystDbContext db, TaskRepository tasks, TimeProvider time)
{
    public async Task<UnderstoodPlan?> GetAsync(Guid taskId, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || TaskMetadata.Get(task, TaskMetadata.UnderstoodSpec) is not { } node) return null;
        var spec = AppSpecJson.FromNode(node);
        return new UnderstoodPlan(task.Id, task.Status, node,
            [.. spec.Relations().Select(r => new PlanRelation(r.From, r.Field, r.To))],
            spec.Words.NotUnderstood, spec.Limitations, spec.Notes);
    }

    public async Task<ApprovalResult> ApproveAsync(Guid taskId, JsonNode? correction, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (task, refusal) = await AwaitingAsync(taskId, ct);
        if (refusal is not null) return refusal;

        var understood = AppSpecJson.FromNode(TaskMetadata.Get(task!, TaskMetadata.UnderstoodSpec)!);
        var spec = understood;
        if (correction is not null)
        {
            AppSpec corrected;
            try { corrected = AppSpecJson.FromNode(correction); }
            catch (JsonException ex) { return Invalid(ex.Path is { } path ? path.TrimStart('$', '.') : "spec", $"The corrected spec is not valid: {ex.Message}"); }
            if (SpecCorrection.Validate(corrected) is { Count: > 0 } errors)
                return new(ApprovalOutcome.InvalidSpec, string.Join(" ", errors.SelectMany(e => e.Value)), errors);
            spec = SpecCorrection.Complete(corrected, understood);
            TaskMetadata.Set(task!, TaskMetadata.UnderstoodSpec, AppSpecJson.ToNode(spec));
        }

        var now = time.GetUtcNow();
        TaskTransitions.Apply(task!, TaskState.Planning, null, now);
        var approved = AgentEvent.Create(task!.TraceId, task.Id, Actors.Orchestrator, EventTypes.PlanApproved,
            new JsonObject { ["spec"] = AppSpecJson.ToNode(spec), ["corrected"] = correction is not null },
            now, repo: task.Project!.Slug, branch: "main");
        EventRecorder.Record(db, approved, now, Activity.Current);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(ApprovalOutcome.Approved, Task: await tasks.GetAsync(taskId, ct));
    }

    public async Task<ApprovalResult> RejectAsync(Guid taskId, string? reason, CancellationToken ct)
    {
        var (_, refusal) = await AwaitingAsync(taskId, ct);
        if (refusal is not null) return refusal;
        var because = string.IsNullOrWhiteSpace(reason) ? "the user rejected the plan" : $"the user rejected the plan: {reason.Trim()}";
        return new(ApprovalOutcome.Rejected, Task: await tasks.CancelAsync(taskId, because, ct));
    }

    async Task<(TaskEntity? Task, ApprovalResult? Refusal)> AwaitingAsync(Guid taskId, CancellationToken ct)
    {
        var task = await db.Tasks.Include(t => t.Project).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return (null, new(ApprovalOutcome.TaskNotFound, $"There is no task with id {taskId}."));
        if (TaskTransitions.StateOf(task) != TaskState.AwaitingApproval)
            return (null, new(ApprovalOutcome.NotAwaitingApproval,
                $"Task {taskId} is '{task.Status}', not awaiting approval: only a task created with \"approve_plan\": true waits for one, and only until it is answered."));
        return (task, null);
    }

    static ApprovalResult Invalid(string path, string message) =>
        new(ApprovalOutcome.InvalidSpec, message, new() { [path.Length == 0 ? "spec" : path] = [message] });
}
