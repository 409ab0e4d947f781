using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Planner;

/// <summary>
/// Reads the request, then either waits for the user to approve the understood spec (awaiting_approval) or
/// writes the plan to planning/ on main and hands it to the Architect. An approval (plan.approved) resumes
/// here, from the approved and possibly corrected spec.
/// </summary>
public sealed class PlannerAgent(IRequestUnderstanding understanding, PlanBuilder builder, ProjectRepositories repositories, IOptions<PlannerOptions> options) : IAgent
{
    public string Name => Actors.Planner;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.TaskInitiated, EventTypes.PlanApproved];
    public TaskState? Phase => TaskState.Planning;

    public async Task HandleAsync(AgentContext context, AgentEvent trigger, CancellationToken ct)
    {
        if (trigger.EventType == EventTypes.PlanApproved)
        {
            var approved = AppSpecJson.FromNode(trigger.Payload["spec"] ?? throw new InvalidDataException("plan.approved carries no spec."));
            context.Progress((bool?)trigger.Payload["corrected"] == true ? "Planning from your corrected spec..." : "Planning from the approved spec...");
            await PlanAsync(context, trigger, approved, ct);
            return;
        }

        var prompt = (string?)trigger.Payload["prompt"] ?? context.Task.UserPrompt;
        context.Progress("Analyzing your requirements...");
        var spec = understanding.Understand(prompt, (string?)trigger.Payload["project_name"]);
        ReportUnderstanding(context, spec);
        var understood = AppSpecJson.ToNode(spec);
        TaskMetadata.Set(context.Task, TaskMetadata.UnderstoodSpec, understood.DeepClone());
        TaskMetadata.Set(context.Task, TaskMetadata.Limitations, new JsonArray([.. spec.Limitations.Select(l => (JsonNode?)l)]));

        if (options.Value.RequireApproval || (bool?)trigger.Payload["approve_plan"] == true)
        {
            context.Await(TaskState.AwaitingApproval);
            context.Progress($"⏸️ Waiting for your approval of the understood spec: approve or correct it at POST /api/tasks/{context.Task.Id}/plan/approve");
            context.Emit(EventTypes.PlanAwaitingApproval, new() { ["spec"] = understood }, branch: "main");
            return;
        }
        await PlanAsync(context, trigger, spec, ct);
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

    async Task PlanAsync(AgentContext context, AgentEvent trigger, AppSpec spec, CancellationToken ct)
    {
        var plan = builder.Build(spec);
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
