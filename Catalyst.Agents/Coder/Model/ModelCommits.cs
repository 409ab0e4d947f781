using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Model;

/// <summary>
/// How a model-written app lands on the task branch: first the design, with the limitation lifted (the plan and
/// data-models.json say which model built the app instead, so the Tester and the Reviewer read that from the
/// commit they check), then the model's files with the page's schema.json, which is the Coder's to write.
/// </summary>
public static class ModelCommits
{
    /// <summary>The page kind of a model-written app: the browser check loads it rather than driving a known page.</summary>
    public const string PageKind = "model";

    public static AppSpec Lifted(AppSpec spec, string model)
    {
        var lifted = AppSpecJson.FromNode(AppSpecJson.ToNode(spec));
        lifted.BuiltByModel = model;
        lifted.Notes.Insert(0, $"The model {model} wrote this app: the offline generator could not build it ({string.Join(" ", spec.Limitations)}). "
            + "It is held to its own tests and the generated-app contract, not to the records the offline reading guessed.");
        lifted.Limitations.Clear();
        return lifted;
    }

    public static async Task<IReadOnlyList<CodeCommit>> ForAsync(IGitRepository repository, string designCommit, AppSpec lifted, ModelBuild build, CancellationToken ct)
    {
        var design = new List<GeneratedFile>();
        if (await repository.ReadFileAsync(designCommit, PlanDocuments.PlanPath, ct) is { } yaml)
        {
            var plan = PlanDocuments.FromYaml(yaml);
            plan.Domain = lifted;
            plan.Notes.Insert(0, lifted.Notes[0]);
            plan.Limitations.Clear();
            design.AddRange(PlanDocuments.Files(plan));
        }
        if (await repository.ReadFileAsync(designCommit, ArchitectureDocuments.DataModelsPath, ct) is { } models && JsonNode.Parse(models) is JsonObject data)
        {
            data["app"] = AppSpecJson.ToNode(lifted);
            design.Add(new(ArchitectureDocuments.DataModelsPath, data.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
        }
        var app = build.Files.Append(Schema(lifted)).ToList();
        return
        [
            new($"docs: the model {build.Model} builds what the offline generator cannot", design),
            new($"feat: {lifted.Title}, written by the model {build.Model}\n\n{build.Summary}", app),
        ];
    }

    /// <summary>schema.json for the page: the title and look, with no records for the generic client to drive.</summary>
    public static GeneratedFile Schema(AppSpec spec)
    {
        var schema = FrontendAssets.Schema(spec);
        schema["kind"] = PageKind;
        schema["auth"] = false;
        schema["search"] = false;
        schema["tags"] = false;
        schema["entities"] = new JsonArray();
        schema["limitations"] = new JsonArray(); // the model built what was asked: nothing to say is missing
        schema["aggregates"] = new JsonArray();
        schema["built_by_model"] = spec.BuiltByModel;
        return new($"{AppLayout.Frontend(spec)}/schema.json", schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
