using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;
using Humanizer;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>One operation of a discovered API.</summary>
public sealed record DiscoveredEndpoint(string Method, string Path, string? OperationId, string? Summary);

/// <summary>What an OpenAPI (3.x) or Swagger (2.0) document says: its operations and the record kinds of its schemas.</summary>
public sealed record OpenApiSummary(string Title, string ApiVersion, string SpecVersion, IReadOnlyList<DiscoveredEndpoint> Endpoints, IReadOnlyList<DiscoveredEntity> Entities);

/// <summary>
/// Reads the parts of an OpenAPI document the Explorer needs straight from its JSON. The operations and schemas are
/// plain JSON in every version (3.1, 3.0 and Swagger 2.0 differ only in where schemas live and how nullability is
/// spelt), so this needs no OpenAPI object model, and an odd document yields what can be read instead of nothing.
/// </summary>
public static class OpenApiReader
{
    /// <summary>Where frameworks serve their document by default: ASP.NET Core, Swashbuckle, springdoc, FastAPI, express-openapi.</summary>
    public static readonly IReadOnlyList<string> WellKnownPaths =
        ["/openapi/v1.json", "/openapi.json", "/swagger/v1/swagger.json", "/swagger.json", "/v3/api-docs", "/api-docs", "/api/openapi.json", "/docs/openapi.json"];

    static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>The document's summary, or null when the text is not an OpenAPI or Swagger JSON document.</summary>
    public static OpenApiSummary? Read(string text, string source)
    {
        JsonObject? root;
        try { root = JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
        if (root is null || root["paths"] is not JsonObject paths) return null;
        var specVersion = Text(root["openapi"]) ?? (Text(root["swagger"]) is { } swagger ? "swagger " + swagger : null);
        if (specVersion is null) return null;

        var endpoints = new List<DiscoveredEndpoint>();
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject operations) continue;
            foreach (var method in Methods)
                if (operations[method] is JsonObject operation)
                    endpoints.Add(new(method.ToUpperInvariant(), path, Text(operation["operationId"]), Text(operation["summary"])));
        }
        var schemas = (root["components"]?["schemas"] ?? root["definitions"]) as JsonObject ?? [];
        var names = schemas.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var entities = schemas
            .Where(s => s.Value is JsonObject schema && schema["properties"] is JsonObject && !IsPlumbing(s.Key))
            .Select(s => Entity(s.Key, (JsonObject)s.Value!, names, source))
            .Where(e => e.Fields.Count > 0)
            .ToList();
        return new(Text(root["info"]?["title"]) ?? "", Text(root["info"]?["version"]) ?? "", specVersion, endpoints, entities);
    }

    // Error bodies and framework envelopes are not record kinds a similar app would have.
    static bool IsPlumbing(string name) => name.EndsWith("ProblemDetails", StringComparison.Ordinal) || name is "Error" or "ErrorResponse" or "ValidationError";

    static DiscoveredEntity Entity(string name, JsonObject schema, HashSet<string> schemaNames, string source)
    {
        var required = (schema["required"] as JsonArray)?.Select(Text).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var fields = new List<DiscoveredField>();
        foreach (var (property, node) in (JsonObject)schema["properties"]!)
        {
            // The generated app gives every record its id; what the Planner needs are the other fields.
            if (node is not JsonObject definition || property.Equals("id", StringComparison.OrdinalIgnoreCase)) continue;
            if (Field(property, definition, schemaNames) is { } field) fields.Add(field with { Required = required.Contains(property) });
        }
        return new(name, fields, source);
    }

    static DiscoveredField? Field(string property, JsonObject definition, HashSet<string> schemaNames)
    {
        var name = property.Pascalize();
        if (ReferenceOf(definition) is { } target) return new(name, FieldType.Reference, References: target);
        if (definition["enum"] is JsonArray) return new(name, FieldType.Enum);
        var type = TypeOf(definition);
        var format = Text(definition["format"]);
        // "authorId" beside an Author schema is the foreign key a document without $ref links still shows.
        if (property.Length > 2 && property.EndsWith("Id", StringComparison.Ordinal) && schemaNames.Contains(property[..^2].Pascalize()))
            return new(name, FieldType.Reference, References: property[..^2].Pascalize());
        return type switch
        {
            "string" => format switch
            {
                "email" => new(name, FieldType.Email),
                "uri" or "url" => new(name, FieldType.Url),
                "date" => new(name, FieldType.Date),
                "date-time" => new(name, FieldType.DateTime),
                _ => new(name, definition["maxLength"] is JsonValue max && max.TryGetValue<int>(out var length) && length > 500 ? FieldType.Text : FieldType.String),
            },
            "integer" => new(name, FieldType.Integer),
            "number" => new(name, FieldType.Decimal),
            "boolean" => new(name, FieldType.Boolean),
            "array" when definition["items"] is JsonObject items && TypeOf(items) == "string" && ReferenceOf(items) is null => new(name, FieldType.StringList),
            _ => null,
        };
    }

    /// <summary>The schema a property points to: a $ref, or one inside allOf/oneOf/anyOf (how nullable references are written).</summary>
    static string? ReferenceOf(JsonObject definition)
    {
        if (Text(definition["$ref"]) is { } reference) return reference[(reference.LastIndexOf('/') + 1)..];
        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
            if (definition[combinator] is JsonArray options)
                foreach (var option in options.OfType<JsonObject>())
                    if (ReferenceOf(option) is { } found) return found;
        return null;
    }

    /// <summary>The type, the first that is not "null" when 3.1 gives a list (["integer", "string"] from ASP.NET's number handling).</summary>
    static string? TypeOf(JsonObject definition) => definition["type"] switch
    {
        JsonArray types => types.Select(Text).FirstOrDefault(t => t is not null and not "null"),
        var single => Text(single),
    };

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
