using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>A property of a contract schema as written, with the line it starts on.</summary>
public sealed record ContractProperty(string? Type, string? Format, string? ItemsType, IReadOnlyList<string>? Enum, int? Minimum, int? Maximum, int Line);

/// <summary>
/// The parts of an OpenAPI document (YAML or JSON) the conformance check reads: the paths, and each schema's
/// properties with their line numbers, so a finding can say where in the contract it is.
/// </summary>
public sealed class OpenApiDocument
{
    readonly YamlMappingNode root;

    OpenApiDocument(YamlMappingNode root) => this.root = root;

    /// <summary>The document, or null when the text is not a YAML/JSON mapping.</summary>
    public static OpenApiDocument? Parse(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode map ? new OpenApiDocument(map) : null;
        }
        catch (YamlException) { return null; }
    }

    public IEnumerable<string> Paths => Child(root, "paths") is YamlMappingNode paths ? paths.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") : [];

    /// <summary>The line of components.schemas.{name}, or null when the schema is absent.</summary>
    public int? SchemaLine(string name) => Schema(name) is { } schema ? Line(schema) : null;

    /// <summary>The schema's properties by name; null when the schema is absent.</summary>
    public IReadOnlyDictionary<string, ContractProperty>? Properties(string schemaName)
    {
        if (Schema(schemaName) is not { } schema) return null;
        var properties = new Dictionary<string, ContractProperty>(StringComparer.Ordinal);
        if (Child(schema, "properties") is not YamlMappingNode map) return properties;
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name }) continue;
            var items = Child(value, "items");
            var options = Child(value, "enum") is YamlSequenceNode list ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : null;
            properties[name] = new ContractProperty(Scalar(value, "type"), Scalar(value, "format"), Scalar(items, "type"), options,
                Number(value, "minimum"), Number(value, "maximum"), Line(key));
        }
        return properties;
    }

    YamlNode? Schema(string name) => Child(Child(Child(root, "components"), "schemas"), name);

    static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    static int? Number(YamlNode? node, string key) =>
        decimal.TryParse(Scalar(node, key), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? (int)value : null;

    static int Line(YamlNode node) => (int)node.Start.Line;
}
