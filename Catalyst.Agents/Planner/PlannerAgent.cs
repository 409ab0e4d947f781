using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;

namespace Catalyst.Agents.Planner;

/// <summary>Reads the request, writes the plan to planning/ on main, and hands it to the Architect.</summary>
public sealed class PlannerAgent(IRequestUnderstanding understanding, PlanBuilder builder, ProjectRepositories repositories) : IAgent
{
    public string Name => Actors.Planner;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.TaskInitiated];
    public TaskState? Phase => TaskState.Planning;

    public async Task HandleAsync(AgentContext context, AgentEvent initiated, CancellationToken ct)
    {
        var prompt = (string?)initiated.Payload["prompt"] ?? context.Task.UserPrompt;
        context.Progress("Analyzing your requirements...");
        var spec = understanding.Understand(prompt, (string?)initiated.Payload["project_name"]);
        var plan = builder.Build(spec);
        context.Progress($"Identified {plan.Features.Count} features and {spec.Entities.Count} kinds of record" +
            (spec.Entities.Count > 0 ? $": {string.Join(", ", spec.Entities.Select(e => e.Label))}" : ""));
        context.Progress($"Broke the work into {plan.Tasks.Count} tasks; defined {plan.ApiEndpoints.Count} API endpoints");
        foreach (var note in plan.Notes) context.Progress($"Assumption: {note}", "warning");

        var files = PlanDocuments.Files(plan);
        string commit;
        await using (var locked = await repositories.OpenAsync(initiated.Repo, ct))
        {
            await locked.Repository.CheckoutAsync("main", ct);
            commit = await locked.Repository.CommitAsync(files, PlanDocuments.CommitMessage(plan), ct);
        }
        foreach (var file in files) context.Progress($"📄 Generated {file.Path}");
        context.Progress($"✅ Planning complete: {plan.Features.Count} features, {plan.Tasks.Count} tasks, {PlanDocuments.RiskLevel(plan)} risk");
        context.Emit(EventTypes.PlanCreated, PlanDocuments.EventPayload(plan, commit), branch: "main", commit: commit);
    }
}
