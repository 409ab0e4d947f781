using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;
using Humanizer;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>
/// Reads the /schema.json a Catalyst-generated app serves to its own page (entities, fields, routes; see
/// docs/generated-apps.md). A preview publishes no OpenAPI document, so this is where its endpoints and record
/// kinds come from: every entity has the generated CRUD routes under /api/{route}.
/// </summary>
public static class CatalystSchemaReader
{
    public const string Path = "/schema.json";

    /// <summary>The schema as an API summary, or null when the text is not a Catalyst app's schema.</summary>
    public static OpenApiSummary? Read(string text, string source)
    {
        JsonObject? root;
        try { root = JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
        if (root?["entities"] is not JsonArray entities || root["title"] is null) return null;
        var byRoute = entities.OfType<JsonObject>()
            .Where(e => Text(e["route"]) is not null && Text(e["name"]) is not null)
            .ToDictionary(e => Text(e["route"])!, e => Text(e["name"])!, StringComparer.Ordinal);

        var endpoints = new List<DiscoveredEndpoint>();
        var discovered = new List<DiscoveredEntity>();
        foreach (var entity in entities.OfType<JsonObject>())
        {
            if (Text(entity["name"]) is not { } name || Text(entity["route"]) is not { } route) continue;
            endpoints.AddRange(
            [
                new("GET", $"/api/{route}", null, $"Lists the {route}"),
                new("POST", $"/api/{route}", null, $"Creates a {name}"),
                new("GET", $"/api/{route}/{{id}}", null, $"Reads a {name}"),
                new("PUT", $"/api/{route}/{{id}}", null, $"Updates a {name}"),
                new("DELETE", $"/api/{route}/{{id}}", null, $"Deletes a {name}"),
            ]);
            var fields = (entity["fields"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(f => Field(f, byRoute)).OfType<DiscoveredField>().ToList();
            discovered.Add(new(name, fields, source));
        }
        return new(Text(root["title"]) ?? "", "", "catalyst schema.json", endpoints, discovered);
    }

    static DiscoveredField? Field(JsonObject field, Dictionary<string, string> byRoute)
    {
        if (Text(field["name"]) is not { } name || Text(field["type"]) is not { } typeName) return null;
        FieldType type;
        if (typeName == "list") type = FieldType.StringList;
        else if (!Enum.TryParse(typeName, ignoreCase: true, out type)) return null;
        var required = field["required"] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
        var references = Text(field["references"]) is { } route && byRoute.TryGetValue(route, out var target) ? target : null;
        return new(name.Pascalize(), type, required, references);
    }

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
