using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Explorer;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Planner;

/// <summary>
/// Reads the request, then either waits for the user to approve the understood spec (awaiting_approval) or
/// writes the plan to planning/ on main and hands it to the Architect. An approval (plan.approved) resumes
/// here, from the approved and possibly corrected spec. A task on a project that already has an approved app is
/// a follow-up: the request is read as changes to that app's spec (<see cref="ChangeReader"/>), and the plan
/// says which branch the Coder builds on. "Analyze X and build something similar" arrives as explorer.findings
/// (only when a build was asked for): the spec then comes from the scan's findings (<see cref="FindingsSpec"/>).
/// </summary>
public sealed class PlannerAgent(
    IRequestUnderstanding understanding, ModelUnderstanding model, ChangeReader changes, PlanBuilder builder, ProjectRepositories repositories, IOptions<PlannerOptions> options) : IAgent
{
    public string Name => Actors.Planner;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.TaskInitiated, EventTypes.PlanApproved, EventTypes.ExplorerFindings];

    /// <summary>Task metadata: the findings a "build something similar" plan uses, kept across an approval.</summary>
    public const string FindingsUsedKey = "explorer_findings";

    public TaskState? Phase => TaskState.Planning;

    public async Task HandleAsync(AgentContext context, AgentEvent trigger, CancellationToken ct)
    {
        if (trigger.EventType == EventTypes.PlanApproved)
        {
            var approved = AppSpecJson.FromNode(trigger.Payload["spec"] ?? throw new InvalidDataException("plan.approved carries no spec."));
            context.Progress((bool?)trigger.Payload["corrected"] == true ? "Planning from your corrected spec..." : "Planning from the approved spec...");
            await PlanAsync(context, trigger, approved, PlanFollowUp.FromNode(TaskMetadata.Get(context.Task, TaskMetadata.FollowUp)), ct);
            return;
        }

        if (trigger.EventType == EventTypes.ExplorerFindings)
        {
            var fromFindings = await FromFindingsAsync(context, trigger, ct);
            if (fromFindings is not null) await ContinueAsync(context, trigger, fromFindings, null, ct);
            return;
        }

        var prompt = (string?)trigger.Payload["prompt"] ?? context.Task.UserPrompt;
        context.Progress("Analyzing your requirements...");
        var (spec, followUp) = await UnderstandAsync(context, trigger, prompt, ct);
        if (spec is null) return;
        await ContinueAsync(context, trigger, spec, followUp, ct);
    }

    /// <summary>The spec of "build something similar", from the scan's findings; null (and the task failed) when they are gone.</summary>
    async Task<AppSpec?> FromFindingsAsync(AgentContext context, AgentEvent trigger, CancellationToken ct)
    {
        context.Progress("Planning from the Explorer's findings...");
        var scanId = Guid.TryParse((string?)trigger.Payload["scan_id"], out var id) ? id : Guid.Empty;
        var scan = await context.Db.ExplorerScans.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scanId, ct);
        if (scan?.Findings is null || scan.Status != ScanStatus.Completed)
        {
            context.FailTask($"The findings of scan {scanId} are not available, so nothing similar can be planned.");
            return null;
        }
        var project = (string?)trigger.Payload["project_name"] ?? await context.Db.Projects.Where(p => p.Id == context.Task.ProjectId).Select(p => p.Name).FirstAsync(ct);
        var (spec, used) = FindingsSpec.From(JsonNode.Parse(scan.Findings)!, context.Task.UserPrompt, project);
        TaskMetadata.Set(context.Task, FindingsUsedKey, used.ToNode());
        context.Progress($"Using from the scan: {used.Entities.Count} record kind(s) ({string.Join("; ", used.Entities)}), stack {used.Stack}");
        foreach (var improvement in used.Improvements) context.Progress($"💡 Improvement as a feature: {improvement}");
        foreach (var notBuilt in used.NotBuilt) context.Progress($"ℹ️ Suggested, not built by the generator: {notBuilt}", "warning");
        ReportUnderstanding(context, spec);
        return spec;
    }

    async Task ContinueAsync(AgentContext context, AgentEvent trigger, AppSpec spec, PlanFollowUp? followUp, CancellationToken ct)
    {
        var understood = AppSpecJson.ToNode(spec);
        TaskMetadata.Set(context.Task, TaskMetadata.UnderstoodSpec, understood.DeepClone());
        TaskMetadata.Set(context.Task, TaskMetadata.Limitations, new JsonArray([.. spec.Limitations.Select(l => (JsonNode?)l)]));
        if (followUp is not null) TaskMetadata.Set(context.Task, TaskMetadata.FollowUp, followUp.ToNode());

        if (options.Value.RequireApproval || (bool?)trigger.Payload["approve_plan"] == true)
        {
            context.Await(TaskState.AwaitingApproval);
            context.Progress($"⏸️ Waiting for your approval of the understood spec: approve or correct it at POST /api/tasks/{context.Task.Id}/plan/approve");
            context.Emit(EventTypes.PlanAwaitingApproval, new() { ["spec"] = understood }, branch: "main");
            return;
        }
        await PlanAsync(context, trigger, spec, followUp, ct);
    }

    /// <summary>
    /// The spec to plan: the project's app with the follow-up's changes made, or the request read as a new app.
    /// Null (and the task failed, saying why) when the follow-up asks only for what cannot be changed.
    /// </summary>
    async Task<(AppSpec? Spec, PlanFollowUp? FollowUp)> UnderstandAsync(AgentContext context, AgentEvent trigger, string prompt, CancellationToken ct)
    {
        var found = await FollowUpBase.FindAsync(context, repositories, trigger.Repo, ct);
        if (found is null)
        {
            var spec = await model.ReadAsync(context, prompt, understanding.Understand(prompt, (string?)trigger.Payload["project_name"]), ct);
            ReportUnderstanding(context, spec);
            return (spec, null);
        }

        var revision = changes.Read(prompt, found.Spec);
        if (revision.NewApp)
        {
            var spec = understanding.Understand(prompt, (string?)trigger.Payload["project_name"]);
            spec.Notes.Insert(0, $"The request describes a whole app and asks for no change to {found.Spec.Title}, so it was read as a new app, built from main rather than on {found.Branch}.");
            context.Progress($"ℹ️ {spec.Notes[0]}", "warning");
            ReportUnderstanding(context, spec);
            return (spec, null);
        }
        context.Progress($"🔁 Follow-up to {found.Spec.Title}: changing the app approved on {found.Branch}");
        foreach (var change in revision.Changes) context.Progress($"✏️ Change: {change.Describe()}");
        foreach (var note in revision.Spec.Notes) context.Progress($"Assumption: {note}", "warning");
        foreach (var limitation in revision.Limitations) context.Progress($"⚠️ {limitation}", "warning");
        if (revision.Unchanged)
        {
            TaskMetadata.Set(context.Task, TaskMetadata.Limitations, new JsonArray([.. revision.Limitations.Select(l => (JsonNode?)l)]));
            context.FailTask($"The offline generator cannot make this change to {found.Spec.Title}: {string.Join(" ", revision.Limitations)} "
                + $"Nothing was built; the app on {found.Branch} is unchanged.");
            return (null, null);
        }
        return (revision.Spec, PlanFollowUp.From(found, revision.Changes));
    }

    static void ReportUnderstanding(AgentContext context, AppSpec spec)
    {
        if (spec.Entities.Count > 0)
            context.Progress($"Understood {spec.Entities.Count} kind(s) of record: " +
                string.Join("; ", spec.Entities.Select(e => $"{e.Name} ({string.Join(", ", e.Fields.Select(f => $"{f.JsonName}: {FieldTypeName(f)}"))})")));
        foreach (var (from, field, to) in spec.Relations()) context.Progress($"Relation: {from}.{field} → {to}");
        if (spec.Words.NotUnderstood.Count > 0)
            context.Progress($"Not understood: {string.Join(", ", spec.Words.NotUnderstood.Select(w => $"\"{w}\""))}", "warning");
        foreach (var limitation in spec.Limitations) context.Progress($"⚠️ {limitation}", "warning");
    }

    static string FieldTypeName(FieldSpec field) => field.Type switch
    {
        FieldType.Reference => $"→ {field.References}",
        FieldType.Enum => $"one of {string.Join("/", field.Options)}",
        FieldType.Integer when field.Minimum is not null || field.Maximum is not null => $"integer {field.Minimum}..{field.Maximum}",
        _ => field.Type.ToString().ToLowerInvariant(),
    };

    async Task PlanAsync(AgentContext context, AgentEvent trigger, AppSpec spec, PlanFollowUp? followUp, CancellationToken ct)
    {
        var plan = builder.Build(spec);
        plan.FollowUp = followUp;
        if (PlanFindings.FromNode(TaskMetadata.Get(context.Task, FindingsUsedKey)) is { } findings)
        {
            plan.Findings = findings;
            foreach (var improvement in findings.Improvements)
                plan.Features.Add(new PlanFeature
                {
                    Id = $"F{plan.Features.Count + 1}", Name = improvement.Split(':')[0], Description = $"From the Explorer's suggestions: {improvement}",
                    Priority = "medium", Complexity = "low", AcceptanceCriteria = [improvement[(improvement.IndexOf(':') + 1)..].Trim()],
                });
        }
        context.Progress($"Identified {plan.Features.Count} features and {spec.Entities.Count} kinds of record" +
            (spec.Entities.Count > 0 ? $": {string.Join(", ", spec.Entities.Select(e => e.Label))}" : ""));
        context.Progress($"Broke the work into {plan.Tasks.Count} tasks; defined {plan.ApiEndpoints.Count} API endpoints");
        foreach (var note in plan.Notes) context.Progress($"Assumption: {note}", "warning");

        var files = PlanDocuments.Files(plan);
        string commit;
        await using (var locked = await repositories.OpenAsync(trigger.Repo, ct))
        {
            await locked.Repository.CheckoutAsync("main", ct);
            commit = await locked.Repository.CommitAsync(files, PlanDocuments.CommitMessage(plan), ct);
        }
        foreach (var file in files) context.Progress($"📄 Generated {file.Path}");
        context.Progress($"✅ Planning complete: {plan.Features.Count} features, {plan.Tasks.Count} tasks, {PlanDocuments.RiskLevel(plan)} risk");
        context.Emit(EventTypes.PlanCreated, PlanDocuments.EventPayload(plan, commit), branch: "main", commit: commit);
    }
}
