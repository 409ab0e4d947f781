using System.Text.Json.Nodes;

namespace Catalyst.Tests.Understanding;

/// <summary>One labelled request of the understanding corpus (docs/understanding.md, "The corpus").</summary>
public sealed record CorpusItem(
    string Id,
    string Prompt,
    string Kind,
    IReadOnlyList<CorpusEntity> Entities,
    IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, string>? Presentation,
    IReadOnlyList<string> NotUnderstood,
    bool Unsupported);

/// <summary>A labelled entity. <see cref="Fields"/> is null for <c>"fields": "default"</c>.</summary>
public sealed record CorpusEntity(string Name, IReadOnlyList<CorpusField>? Fields)
{
    public bool ExpectsDefaults => Fields is null;
}

/// <summary>A labelled field; bounds, options and target are compared only where the label gives them.</summary>
public sealed record CorpusField(string Name, string Type, int? Minimum, int? Maximum, IReadOnlyList<string>? Options, string? Target);

/// <summary>Reads the corpus files copied next to the test (and bench) assembly.</summary>
public static class Corpus
{
    public const string Development = "development.json";
    public const string HeldOut = "held-out.json";

    /// <summary>Requests written by others (docs/understanding.md, "Requests written by others"), each half from its own source.</summary>
    public const string PublicDevelopment = "public-development.json", PublicHeldOut = "public-held-out.json";

    /// <summary>Every half, the project's own first.</summary>
    public static readonly IReadOnlyList<string> Halves = [Development, HeldOut, PublicDevelopment, PublicHeldOut];

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Understanding", "Corpus", file);

    public static IReadOnlyList<CorpusItem> Load(string file) =>
        JsonNode.Parse(File.ReadAllText(PathOf(file)))!.AsArray().Select(node => Item(node!.AsObject())).ToList();

    static CorpusItem Item(JsonObject o) => new(
        (string)o["id"]!,
        (string)o["prompt"]!,
        (string)o["kind"]!,
        o["entities"]!.AsArray().Select(e => Entity(e!.AsObject())).ToList(),
        Strings(o["features"]),
        o["presentation"] is JsonObject p ? p.ToDictionary(kv => kv.Key, kv => (string)kv.Value!) : null,
        Strings(o["not_understood"]),
        (bool?)o["unsupported"] ?? false);

    static CorpusEntity Entity(JsonObject o) => new(
        (string)o["name"]!,
        o["fields"] switch
        {
            JsonArray fields => fields.Select(f => Field(f!.AsObject())).ToList(),
            JsonValue v when (string?)v == "default" => null,
            _ => throw new FormatException($"Entity {o["name"]}: \"fields\" must be a list or \"default\".")
        });

    static CorpusField Field(JsonObject o) => new(
        (string)o["name"]!,
        (string)o["type"]!,
        (int?)o["minimum"],
        (int?)o["maximum"],
        o["options"] is JsonArray options ? Strings(options) : null,
        (string?)o["target"]);

    static List<string> Strings(JsonNode? array) => array is JsonArray a ? a.Select(s => (string)s!).ToList() : [];
}
