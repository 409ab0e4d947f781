using System.Text.Json.Nodes;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;

namespace Catalyst.Agents.Architect;

/// <summary>Reads the plan from git, designs the app, commits architecture/ on main.</summary>
public sealed class ArchitectAgent(ProjectRepositories repositories, ModelDesign design) : IAgent
{
    public string Name => Actors.Architect;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.PlanCreated];
    public TaskState? Phase => TaskState.Architecting;

    public async Task HandleAsync(AgentContext context, AgentEvent planCreated, CancellationToken ct)
    {
        context.Progress("Analyzing plan requirements...");
        await using var locked = await repositories.OpenAsync(planCreated.Repo, ct);
        var repository = locked.Repository;
        var yaml = await repository.ReadFileAsync(Revision(planCreated), PlanDocuments.PlanPath, ct)
            ?? throw new InvalidOperationException($"{PlanDocuments.PlanPath} is not in {planCreated.Repo} at {Revision(planCreated)}.");
        var plan = PlanDocuments.FromYaml(yaml);
        var spec = plan.Domain;

        var stack = ArchitectureDocuments.TechStack(spec.Stack);
        context.Progress($"✅ Tech stack: {stack["backend"]} + static HTML/JS + JSON file storage");
        foreach (var e in spec.Entities)
            context.Progress($"📊 Data model: {e.Name} ({e.Fields.Count} fields{(e.References.Any() ? $", references {string.Join(", ", e.References.Select(r => r.References))}" : "")})");
        var files = ArchitectureDocuments.Files(plan).ToList();
        if (await design.WriteAsync(context, plan, files, ct) is { } notes) files.Add(notes);
        var endpoints = ApiSurface.Endpoints(spec).Count;
        context.Progress($"✅ API design: {endpoints} endpoints defined");

        // The plan this design answers is committed again with it: if another task's plan reached main in the
        // meantime, this commit (which the Coder branches from) still holds this task's plan, unchanged.
        var revision = Revision(planCreated);
        var planFiles = new List<GeneratedFile>();
        foreach (var path in (await repository.ListFilesAsync(revision, ct)).Where(p => p.StartsWith("planning/", StringComparison.Ordinal)))
            planFiles.Add(new GeneratedFile(path, (await repository.ReadFileAsync(revision, path, ct))!));

        await repository.CheckoutAsync("main", ct);
        var commit = await repository.CommitAsync([.. planFiles, .. files],
            $"docs(architecture): design {spec.Title}\n\n- {spec.Entities.Count} data models\n- {endpoints} endpoints in api-contracts/openapi.yaml\n- {files.Count(f => f.Path.Contains("/adr/"))} decision records\n\n[architect-agent]", ct);
        foreach (var file in files) context.Progress($"📄 Generated {file.Path}");

        context.Emit(EventTypes.ArchitectureProposed, new JsonObject
        {
            ["architecture_ref"] = "git://main/architecture/",
            ["tech_stack"] = stack,
            ["data_model_count"] = spec.Entities.Count,
            ["api_endpoint_count"] = endpoints,
            ["adrs_created"] = files.Count(f => f.Path.Contains("/adr/")),
            ["requires_review"] = false,
        }, branch: "main", commit: commit);
    }

    static string Revision(AgentEvent e) => string.IsNullOrEmpty(e.Commit) ? "main" : e.Commit;
}
