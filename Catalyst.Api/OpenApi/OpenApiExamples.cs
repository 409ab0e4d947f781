using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Catalyst.Api.OpenApi;

/// <summary>
/// Example bodies for the OpenAPI document, one JSON file per contract type under OpenApi/Examples, named as the
/// document names the schema (<c>TaskView</c>, <c>PagedResultOfTaskView</c>). They were taken from a real build
/// and trimmed; the tests read each one back into its type, so an example cannot drift from its contract.
/// </summary>
public sealed class OpenApiExamples
{
    const string ResourcePrefix = "Catalyst.OpenApi.";

    readonly Dictionary<string, JsonNode> examples = Load();

    public static OpenApiExamples Default { get; } = new();

    public IReadOnlyCollection<string> Names => examples.Keys;

    /// <summary>The example of a body of this type; a collection's is its element's example in an array.</summary>
    public JsonNode? For(Type type)
    {
        if (examples.TryGetValue(NameOf(type), out var example)) return example.DeepClone();
        return ElementType(type) is { } element && For(element) is { } item ? new JsonArray(item) : null;
    }

    public JsonNode? Named(string name) => examples.TryGetValue(name, out var example) ? example.DeepClone() : null;

    /// <summary>The schema name ASP.NET Core's document generator gives a type: PagedResult&lt;TaskView&gt; is PagedResultOfTaskView.</summary>
    public static string NameOf(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Join("And", type.GetGenericArguments().Select(NameOf))
        : type.Name;

    static Type? ElementType(Type type)
    {
        if (type == typeof(string) || typeof(JsonNode).IsAssignableFrom(type) || !typeof(IEnumerable).IsAssignableFrom(type)) return null;
        if (type.IsArray) return type.GetElementType();
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    static Dictionary<string, JsonNode> Load()
    {
        var assembly = typeof(OpenApiExamples).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..^".json".Length], n => Read(assembly, n));
    }

    static JsonNode Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonNode.Parse(stream) ?? throw new InvalidDataException($"The OpenAPI example {name} is empty.");
    }
}
