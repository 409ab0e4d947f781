using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>
/// The repository scan's own files under explorer/{scan-id}/ (the agent writes the common ones): dependencies/
/// (the graph as JSON and SVG, cves.json and outdated.json saying they were not checked) and architecture/
/// (inferred-architecture.md and component-map.svg).
/// </summary>
public static class RepositoryFiles
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(string output, RepositoryMeasurements m, ScanResult result, CancellationToken ct)
    {
        var dependencies = Directory.CreateDirectory(Path.Combine(output, "dependencies")).FullName;
        var graph = DependencyGraph.FromJson(result.Measurements["dependency_graph"]);
        await File.WriteAllTextAsync(Path.Combine(dependencies, "dependency-graph.json"), graph.ToJson().ToJsonString(Indented), ct);
        await File.WriteAllTextAsync(Path.Combine(dependencies, "dependency-graph.svg"), GraphSvg.Render(graph, $"Dependencies of {m.Source.Origin}"), ct);
        var notChecked = new JsonObject
        {
            ["status"] = RepositoryFindings.NotChecked,
            ["reason"] = "No advisory database is reachable from this machine; the absence of entries here says nothing about vulnerabilities.",
            ["dependencies"] = m.Manifests.Dependencies.Count,
        };
        await File.WriteAllTextAsync(Path.Combine(dependencies, "cves.json"), notChecked.ToJsonString(Indented), ct);
        notChecked["reason"] = "No package registry is queried during a scan, so whether newer versions exist was not checked.";
        await File.WriteAllTextAsync(Path.Combine(dependencies, "outdated.json"), notChecked.ToJsonString(Indented), ct);

        var architecture = Directory.CreateDirectory(Path.Combine(output, "architecture")).FullName;
        await File.WriteAllTextAsync(Path.Combine(architecture, "inferred-architecture.md"),
            RepositoryReport.Architecture(m, result.Measurements["architecture"]!.AsObject()), ct);
        await File.WriteAllTextAsync(Path.Combine(architecture, "component-map.svg"),
            GraphSvg.Render(DependencyGraph.FromJson(result.Measurements["component_map"]), $"Components of {m.Source.Origin}"), ct);
    }
}
