using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Explorer;

/// <summary>
/// findings.json (spec 4.7) from any scanner's result: a summary, the tech stack, the inferred architecture, the
/// located findings, the entities for the Planner, the suggestions and the scores with how they were computed;
/// the scanner's measurements whole, and the dependency graph the API serves.
/// </summary>
public static class ScanFindings
{
    public static JsonObject ToJson(Guid scanId, string type, string target, DateTimeOffset scannedAt, double seconds, ScanResult result)
    {
        var m = result.Measurements;
        var generatorStack = (string?)result.TechStack["generator_stack"];
        return new JsonObject
        {
            ["scan_id"] = scanId,
            ["scan_type"] = type,
            ["target"] = target,
            ["scanned_at"] = scannedAt,
            ["duration_seconds"] = Math.Round(seconds, 3),
            ["summary"] = new JsonObject
            {
                ["tech_stack"] = result.TechStack["summary"]?.DeepClone(),
                ["languages"] = m["languages"] is JsonObject languages
                    ? new JsonObject(languages.Select(l => KeyValuePair.Create(l.Key, l.Value?["percent"]?.DeepClone())))
                    : null,
                ["lines_of_code"] = m["lines_of_code"]?.DeepClone(),
                ["file_count"] = m["files"]?.DeepClone(),
                ["dependencies"] = m["dependencies"] is JsonArray dependencies ? dependencies.Count : null,
                ["endpoints"] = m["endpoints"] is JsonArray endpoints ? endpoints.Count : null,
                ["tests"] = m["tests"]?["present"]?.DeepClone(),
                ["vulnerabilities"] = m["vulnerabilities"]?.DeepClone() ?? "not checked",
                ["findings"] = result.Findings.Count,
            },
            ["tech_stack_details"] = result.TechStack.DeepClone(),
            ["architecture_inferred"] = m["architecture"]?.DeepClone(),
            ["findings"] = new JsonArray([.. result.Findings.Select(f => (JsonNode?)new JsonObject
                { ["category"] = f.Category, ["severity"] = f.Severity, ["title"] = f.Title, ["detail"] = f.Detail, ["location"] = f.Location })]),
            ["entities"] = Entities(result.Entities),
            ["can_replicate"] = generatorStack is not null && result.Entities.Count > 0,
            ["generator_stack"] = generatorStack,
            ["suggested_improvements"] = new JsonArray([.. result.Suggestions.Select(s => (JsonNode?)s.Title)]),
            ["suggested_tasks"] = new JsonArray([.. result.Suggestions.Select(s => (JsonNode?)new JsonObject { ["title"] = s.Title, ["reason"] = s.Reason, ["priority"] = s.Priority })]),
            ["scores"] = new JsonObject { ["security"] = result.Scores.Security, ["tech_debt"] = result.Scores.TechDebt, ["how_computed"] = result.Scores.HowComputed },
            ["dependency_graph"] = m["dependency_graph"]?.DeepClone() ?? DependencyGraph.Empty.ToJson(),
            ["measurements"] = m.DeepClone(),
        };
    }

    public static JsonArray Entities(IReadOnlyList<DiscoveredEntity> entities) =>
        [.. entities.Select(e => (JsonNode?)new JsonObject
        {
            ["name"] = e.Name,
            ["source"] = e.Source,
            ["fields"] = new JsonArray([.. e.Fields.Select(f => (JsonNode?)new JsonObject
                { ["name"] = f.Name, ["type"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Type.ToString()), ["required"] = f.Required, ["references"] = f.References })]),
        })];

    /// <summary>The entities of a findings.json, read back (the Planner's side).</summary>
    public static IReadOnlyList<DiscoveredEntity> ReadEntities(JsonNode? findings) =>
        [.. (findings?["entities"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new DiscoveredEntity(
            (string?)e["name"] ?? "",
            [.. (e["fields"] as JsonArray ?? []).OfType<JsonObject>().Select(f => new DiscoveredField(
                (string?)f["name"] ?? "",
                Enum.TryParse<FieldType>(((string?)f["type"] ?? "string").Replace("_", ""), ignoreCase: true, out var type) ? type : FieldType.String,
                (bool?)f["required"] ?? false,
                (string?)f["references"]))],
            (string?)e["source"] ?? ""))];
}
