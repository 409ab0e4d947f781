using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Agents.Planner;

/// <summary>
/// The app a follow-up changes: the project's latest task whose code was approved by the Reviewer (or that
/// completed), the branch and commit it ended on, and the spec that commit was built from.
/// </summary>
public sealed record FollowUpBase(Guid TaskId, string Branch, string Commit, AppSpec Spec)
{
    /// <summary>Looks for the app this task should change; null when the project has none yet.</summary>
    public static async Task<FollowUpBase?> FindAsync(AgentContext context, ProjectRepositories repositories, string repo, CancellationToken ct)
    {
        var task = context.Task;
        var earlier = await context.Db.Tasks.AsNoTracking()
            .Where(t => t.ProjectId == task.ProjectId && t.Id != task.Id && t.CreatedAt <= task.CreatedAt && t.BranchName != null)
            .Select(t => new { t.Id, t.Status, t.BranchName, t.CommitSha, t.CompletedAt, t.UpdatedAt })
            .ToListAsync(ct);
        if (earlier.Count == 0) return null;

        var ids = earlier.Select(t => (Guid?)t.Id).ToList();
        var reviews = await context.Db.AgentEvents.AsNoTracking()
            .Where(e => ids.Contains(e.TaskId) && e.EventType == EventTypes.ReviewDecision)
            .Select(e => new { e.TaskId, e.Commit, e.Payload, e.OccurredAt })
            .ToListAsync(ct);
        var completed = TaskState.Completed.ToWireName();
        var candidates = reviews
            .Where(r => r.Payload is { } p && JsonNode.Parse(p) is JsonObject payload && (string?)payload["decision"] == ReviewDecisions.Approved && !string.IsNullOrEmpty(r.Commit))
            .Select(r => (TaskId: r.TaskId!.Value, Commit: r.Commit, At: r.OccurredAt))
            .Concat(earlier.Where(t => t.Status == completed && t.CommitSha is not null).Select(t => (TaskId: t.Id, Commit: t.CommitSha!, At: t.CompletedAt ?? t.UpdatedAt)))
            .OrderByDescending(c => c.At)
            .ToList();

        await using var locked = await repositories.OpenAsync(repo, ct);
        foreach (var (taskId, commit, _) in candidates)
        {
            var models = await locked.Repository.ReadFileAsync(commit, ArchitectureDocuments.DataModelsPath, ct);
            if (models is null || JsonNode.Parse(models)?["app"] is not { } app) continue; // built before specs were committed: not one to change
            return new FollowUpBase(taskId, earlier.First(t => t.Id == taskId).BranchName!, commit, AppSpecJson.FromNode(app));
        }
        return null;
    }
}

/// <summary>planning/plan.yaml's "follow_up": which app this task changes and how; the Coder branches from <see cref="BaseCommit"/>.</summary>
public sealed class PlanFollowUp
{
    public string BaseTask { get; set; } = "";
    public string BaseBranch { get; set; } = "";
    public string BaseCommit { get; set; } = "";
    public List<string> Changes { get; set; } = [];

    public static PlanFollowUp From(FollowUpBase found, IEnumerable<SpecChange> changes) => new()
    {
        BaseTask = found.TaskId.ToString(), BaseBranch = found.Branch, BaseCommit = found.Commit, Changes = [.. changes.Select(c => c.Describe())],
    };

    public JsonObject ToNode() => new()
    {
        ["base_task"] = BaseTask, ["base_branch"] = BaseBranch, ["base_commit"] = BaseCommit,
        ["changes"] = new JsonArray([.. Changes.Select(c => (JsonNode?)c)]),
    };

    public static PlanFollowUp? FromNode(JsonNode? node) => node is JsonObject o ? new()
    {
        BaseTask = (string?)o["base_task"] ?? "", BaseBranch = (string?)o["base_branch"] ?? "", BaseCommit = (string?)o["base_commit"] ?? "",
        Changes = o["changes"] is JsonArray a ? [.. a.Select(c => (string?)c).OfType<string>()] : [],
    } : null;
}
