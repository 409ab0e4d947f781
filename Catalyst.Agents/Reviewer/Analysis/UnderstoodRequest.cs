using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using YamlDotNet.Core;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>
/// What the request was understood to ask for, as the tested commit records it: the spec (from
/// architecture/data-models.json, else planning/plan.yaml's domain) and the OpenAPI contract the Architect
/// derived from it. The app is checked against these, not against itself.
/// </summary>
public sealed record UnderstoodRequest(AppSpec Spec, string Source, SourceFile? Contract)
{
    public const string DataModelsPath = ArchitectureDocuments.DataModelsPath;
    public const string PlanPath = PlanDocuments.PlanPath;
    public const string ContractPath = ArchitectureDocuments.OpenApiPath;

    /// <summary>The request from the committed documents' text (null where a file is absent); null when neither holds a readable spec.</summary>
    public static UnderstoodRequest? From(string? dataModels, string? plan, string? contract)
    {
        var openApi = contract is null ? null : new SourceFile(ContractPath, contract);
        if (FromDataModels(dataModels) is { } spec) return new(spec, DataModelsPath, openApi);
        if (FromPlan(plan) is { } planned) return new(planned, PlanPath, openApi);
        return null;
    }

    static AppSpec? FromDataModels(string? text)
    {
        if (text is null) return null;
        try { return JsonNode.Parse(text)?["app"] is { } app ? AppSpecJson.FromNode(app) : null; }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException) { return null; }
    }

    static AppSpec? FromPlan(string? text)
    {
        if (text is null) return null;
        try { return PlanDocuments.FromYaml(text).Domain is { } spec && (spec.Entities.Count > 0 || spec.Kind != AppKind.Crud) ? spec : null; }
        catch (Exception e) when (e is YamlException or InvalidDataException) { return null; }
    }
}
