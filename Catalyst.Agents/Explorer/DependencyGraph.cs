using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer;

/// <summary>A node of a dependency graph or component map: its id, label, kind (repository, manifest, package, component, ...) and an optional version.</summary>
public sealed record GraphNode(string Id, string Label, string Kind, string? Version = null);

/// <summary>"from depends on to"; <see cref="Label"/> says how (declares, references, dev).</summary>
public sealed record GraphEdge(string From, string To, string? Label = null);

/// <summary>
/// A directed graph the Explorer found: a repository's manifests and the packages they declare, or its
/// components and how they reference each other. Kept in findings.json, so the API can serve it as JSON or SVG
/// from the database in either mode.
/// </summary>
public sealed record DependencyGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    public static DependencyGraph Empty { get; } = new([], []);

    public JsonObject ToJson() => new()
    {
        ["nodes"] = new JsonArray([.. Nodes.Select(n => (JsonNode?)new JsonObject { ["id"] = n.Id, ["label"] = n.Label, ["kind"] = n.Kind, ["version"] = n.Version })]),
        ["edges"] = new JsonArray([.. Edges.Select(e => (JsonNode?)new JsonObject { ["from"] = e.From, ["to"] = e.To, ["label"] = e.Label })]),
    };

    public static DependencyGraph FromJson(JsonNode? node)
    {
        if (node is not JsonObject graph) return Empty;
        var nodes = (graph["nodes"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(n => new GraphNode((string?)n["id"] ?? "", (string?)n["label"] ?? "", (string?)n["kind"] ?? "", (string?)n["version"])).ToList();
        var edges = (graph["edges"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => new GraphEdge((string?)e["from"] ?? "", (string?)e["to"] ?? "", (string?)e["label"])).ToList();
        return new DependencyGraph(nodes, edges);
    }
}
