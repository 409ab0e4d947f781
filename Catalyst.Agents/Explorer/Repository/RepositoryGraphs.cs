namespace Catalyst.Agents.Explorer.Repository;

/// <summary>A repository's dependency graph (repository → manifests → packages) and component map (top-level parts and their references).</summary>
public static class RepositoryGraphs
{
    public static DependencyGraph Dependencies(RepositoryMeasurements m)
    {
        var nodes = new List<GraphNode> { new("repository", m.Source.Origin, "repository") };
        var edges = new List<GraphEdge>();
        foreach (var manifest in m.Manifests.Manifests.Distinct(StringComparer.Ordinal))
        {
            nodes.Add(new($"manifest:{manifest}", manifest, "manifest"));
            edges.Add(new("repository", $"manifest:{manifest}", "declares"));
        }
        foreach (var dependency in m.Manifests.Dependencies)
        {
            var id = $"{dependency.Ecosystem}:{dependency.Name}";
            if (!nodes.Any(n => n.Id == id)) nodes.Add(new(id, dependency.Name, dependency.Ecosystem == "docker" ? "image" : "package", dependency.Version));
            if (nodes.Any(n => n.Id == $"manifest:{dependency.Manifest}"))
                edges.Add(new($"manifest:{dependency.Manifest}", id, dependency.Development ? "dev" : "depends"));
        }
        return new DependencyGraph(nodes, [.. edges.Distinct()]);
    }

    /// <summary>The parts of the repository: each project or package folder (by its manifest), else each top-level source folder.</summary>
    public static IReadOnlyList<string> ComponentNames(RepositoryMeasurements m)
    {
        var fromManifests = m.Manifests.Manifests
            .Where(p => p.EndsWith(".csproj", StringComparison.Ordinal) || p.EndsWith("package.json", StringComparison.Ordinal) || p.EndsWith("go.mod", StringComparison.Ordinal) || p.EndsWith("pyproject.toml", StringComparison.Ordinal))
            .Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/') is { Length: > 0 } folder ? folder : "(root)")
            .Distinct(StringComparer.Ordinal).ToList();
        if (fromManifests.Count > 0) return fromManifests;
        return [.. m.Snapshot.Files.Where(f => f.Path.Contains('/')).Select(f => f.Path[..f.Path.IndexOf('/')]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static DependencyGraph Components(RepositoryMeasurements m)
    {
        var names = ComponentNames(m);
        var nodes = names.Select(n => new GraphNode($"component:{n}", n, "component")).ToList();
        var edges = new List<GraphEdge>();
        // .NET projects name the projects they build on; that is the map's one kind of edge so far.
        foreach (var project in m.Snapshot.WithExtension(".csproj"))
        {
            var from = Path.GetDirectoryName(project.Path)!.Replace('\\', '/');
            foreach (System.Text.RegularExpressions.Match reference in System.Text.RegularExpressions.Regex.Matches(project.Content, @"ProjectReference\s+Include=""([^""]+)"""))
            {
                var target = Path.GetDirectoryName(Path.GetFullPath(Path.Combine("/r", from, reference.Groups[1].Value.Replace('\\', '/'))))!.Replace('\\', '/');
                var to = target.Length > 3 ? target[3..] : "(root)";
                if (names.Contains(to) && names.Contains(from.Length == 0 ? "(root)" : from)) edges.Add(new($"component:{(from.Length == 0 ? "(root)" : from)}", $"component:{to}", "references"));
            }
        }
        return new DependencyGraph(nodes, edges);
    }
}
