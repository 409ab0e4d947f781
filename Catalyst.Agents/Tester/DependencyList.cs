using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Catalyst.Agents.Tester;

public sealed record Dependency(string Name, string Version, string Source);

/// <summary>The packages a generated app declares, with their versions, read from its project files.</summary>
public static class DependencyList
{
    public static IReadOnlyList<Dependency> Read(string workspace)
    {
        var dependencies = new List<Dependency>();
        foreach (var project in Directory.EnumerateFiles(workspace, "*.csproj", SearchOption.AllDirectories).Where(p => !p.Contains("/obj/") && !p.Contains("/bin/")))
        {
            foreach (var reference in XDocument.Load(project).Descendants("PackageReference"))
                dependencies.Add(new((string?)reference.Attribute("Include") ?? "?", (string?)reference.Attribute("Version") ?? "(central)", Path.GetRelativePath(workspace, project)));
        }
        var packageJson = Path.Combine(workspace, "package.json");
        if (File.Exists(packageJson) && JsonNode.Parse(File.ReadAllText(packageJson)) is JsonObject package)
        {
            foreach (var section in new[] { "dependencies", "devDependencies" })
                if (package[section] is JsonObject deps)
                    dependencies.AddRange(deps.Select(d => new Dependency(d.Key, d.Value?.ToString() ?? "?", $"package.json {section}")));
        }
        return dependencies;
    }
}
