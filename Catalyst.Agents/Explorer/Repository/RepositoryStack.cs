using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>The tech stack and the architecture a repository's manifests and code show.</summary>
public static class RepositoryStack
{
    static readonly string[] Roles = ["framework", "frontend", "database", "orm", "auth", "testing", "tooling"];

    /// <summary>
    /// tech-stack.json: languages, runtimes, and per role the technologies with their versions; "summary" is the
    /// short list the spec's event carries ("Express 4.18.2", "Node.js").
    /// </summary>
    public static JsonObject Describe(RepositoryMeasurements m)
    {
        var catalog = TechnologyCatalog.Default;
        var known = m.Manifests.Dependencies
            .Select(d => (Dependency: d, Technology: catalog.Find(d.Ecosystem, d.Name)))
            .Where(x => x.Technology is not null)
            .GroupBy(x => x.Technology!.Name)
            .Select(g => (g.First().Technology!, g.First().Dependency.Version))
            .ToList();
        var stack = new JsonObject
        {
            ["languages"] = new JsonArray([.. m.Languages.Where(l => l.Percent > 0).Select(l => (JsonNode?)l.Language)]),
            ["runtimes"] = new JsonArray([.. m.Manifests.Runtimes.Select(r => (JsonNode?)r)]),
        };
        foreach (var role in Roles)
            stack[role] = new JsonArray([.. known.Where(k => k.Item1.Role == role).Select(k => (JsonNode?)Named(k.Item1.Name, k.Version))]);
        stack["containers"] = new JsonArray([.. m.Manifests.Dependencies.Where(d => d.Ecosystem == "docker").Select(d => (JsonNode?)$"{d.Name}:{d.Version}").Distinct()]);
        stack["compose_services"] = new JsonArray([.. m.Manifests.ComposeServices.Select(s => (JsonNode?)s)]);
        stack["generator_stack"] = GeneratorStack(m);

        var summary = known.Where(k => k.Item1.Role is "framework" or "frontend" or "database" or "orm").Select(k => Named(k.Item1.Name, k.Version)).ToList();
        if (m.Manifests.Runtimes.Any(r => r.StartsWith("node", StringComparison.Ordinal))) summary.Add("Node.js");
        if (m.Manifests.Runtimes.FirstOrDefault(r => r.StartsWith("net", StringComparison.Ordinal)) is { } tfm) summary.Add($".NET ({tfm})");
        if (m.Manifests.Runtimes.FirstOrDefault(r => r.StartsWith("go ", StringComparison.Ordinal)) is { } go) summary.Add($"Go {go[3..]}");
        if (summary.Count == 0) summary.AddRange(m.Languages.Where(l => l.Percent > 0).Take(3).Select(l => l.Language));
        stack["summary"] = new JsonArray([.. summary.Distinct().Select(s => (JsonNode?)s)]);
        return stack;
    }

    /// <summary>
    /// The Catalyst generator's stack closest to this repository's backend: the framework most of its endpoints
    /// are written in (ASP.NET Core: "dotnet", Express: "node"), else its project files (a .csproj: "dotnet",
    /// a package.json: "node"); null for a backend the generator does not write (Python, Go, ...). Line counts
    /// would mislead: a .NET app's browser script can outweigh its C#.
    /// </summary>
    public static string? GeneratorStack(RepositoryMeasurements m)
    {
        var byEndpoints = m.Endpoints.GroupBy(e => e.Framework.StartsWith("ASP.NET", StringComparison.Ordinal) ? "dotnet" : e.Framework == "Express" ? "node" : "other")
            .OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        if (byEndpoints is not null) return byEndpoints == "other" ? null : byEndpoints;
        if (m.Manifests.Manifests.Any(p => p.EndsWith(".csproj", StringComparison.Ordinal))) return "dotnet";
        if (m.Manifests.Manifests.Any(p => p.EndsWith("package.json", StringComparison.Ordinal))) return "node";
        return null;
    }

    static string Named(string name, string? version) => version is null ? name : $"{name} {version.TrimStart('^', '~', '=')}";

    /// <summary>The architecture pattern the repository shows, its layers, and what that rests on.</summary>
    public static JsonObject Architecture(RepositoryMeasurements m)
    {
        var catalog = TechnologyCatalog.Default;
        var roles = m.Manifests.Dependencies.Select(d => catalog.Find(d.Ecosystem, d.Name)?.Role).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var hasPages = m.Snapshot.Files.Any(f => f.Extension is ".html" or ".razor" or ".cshtml" or ".vue" or ".svelte" or ".jsx" or ".tsx");
        var hasApi = m.Endpoints.Count > 0;
        var hasFrontend = roles.Contains("frontend") || hasPages;
        var pattern = (hasApi, hasFrontend) switch
        {
            (true, true) => "REST API + web frontend",
            (true, false) => "REST API",
            (false, true) => "Web frontend",
            _ => "Library or tool (no HTTP endpoints found)",
        };
        var layers = new List<string>();
        if (hasFrontend) layers.Add("frontend");
        if (hasApi) layers.Add("backend");
        if (roles.Contains("database") || roles.Contains("orm") || m.Snapshot.Files.Any(f => f.Extension == ".sql")) layers.Add("database");
        if (m.Tests.Present) layers.Add("tests");
        var auth = roles.Contains("auth") ? "library-based" : m.Endpoints.Any(e => e.Path.Contains("login", StringComparison.OrdinalIgnoreCase)) ? "login endpoint" : "none found";
        return new JsonObject
        {
            ["pattern"] = pattern,
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode?)l)]),
            ["authentication"] = auth,
            ["api_endpoints_detected"] = m.Endpoints.Count,
            ["components"] = new JsonArray([.. RepositoryGraphs.ComponentNames(m).Select(c => (JsonNode?)c)]),
        };
    }
}
