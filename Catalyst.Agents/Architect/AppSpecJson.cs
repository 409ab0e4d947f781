using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Architect;

/// <summary>The understood request as JSON (inside architecture/data-models.json), for the Coder to build from.</summary>
public static class AppSpecJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static JsonNode ToNode(AppSpec spec) => JsonSerializer.SerializeToNode(spec, Options)!;

    public static AppSpec FromNode(JsonNode node) =>
        node.Deserialize<AppSpec>(Options) ?? throw new InvalidDataException("The app description in data-models.json is empty.");
}
