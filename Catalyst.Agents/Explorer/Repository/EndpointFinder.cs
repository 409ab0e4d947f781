using System.Text.RegularExpressions;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>An HTTP endpoint found in code: method, route as written (group prefixes applied), framework, and where.</summary>
public sealed record FoundEndpoint(string Method, string Path, string Framework, string File, int Line);

/// <summary>
/// Finds HTTP endpoints by reading code, not by running it: ASP.NET Core minimal APIs (with MapGroup prefixes
/// in the same file) and controllers ([Route] + [HttpGet] ...), Express routes (app/router.get(...), with
/// app.use('/prefix', router) when the router is declared in the same file), FastAPI and Flask decorators.
/// </summary>
public static partial class EndpointFinder
{
    public static IReadOnlyList<FoundEndpoint> Find(RepositorySnapshot snapshot)
    {
        var found = new List<FoundEndpoint>();
        var routerPrefixes = ExpressMounts(snapshot);
        // Tests call endpoints (request(app).get('/x')); only the application declares them.
        foreach (var file in snapshot.Files.Where(f => !TestDetector.IsTestFile(f)))
        {
            switch (file.Extension)
            {
                case ".cs": MinimalApis(file, found); Controllers(file, found); break;
                case ".js" or ".mjs" or ".cjs" or ".ts": Express(file, routerPrefixes.GetValueOrDefault(file.Path, ""), found); break;
                case ".py": Python(file, found); break;
            }
        }
        return [.. found.DistinctBy(e => (e.Method, e.Path, e.File)).OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    static void MinimalApis(SnapshotFile file, List<FoundEndpoint> found)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in MapGroup().Matches(file.Content))
        {
            var parent = groups.GetValueOrDefault(m.Groups["parent"].Value, "");
            groups[m.Groups["var"].Value] = Join(parent, m.Groups["prefix"].Value);
        }
        foreach (Match m in MapVerb().Matches(file.Content))
        {
            var prefix = groups.GetValueOrDefault(m.Groups["receiver"].Value, "");
            found.Add(new(m.Groups["verb"].Value.ToUpperInvariant(), Join(prefix, m.Groups["path"].Value), "ASP.NET Core minimal API", file.Path, LineOf(file, m.Index)));
        }
    }

    static void Controllers(SnapshotFile file, List<FoundEndpoint> found)
    {
        var controller = ControllerClass().Match(file.Content);
        if (!controller.Success) return;
        var name = controller.Groups["name"].Value;
        var route = ClassRoute().Match(file.Content[..controller.Index]);
        var prefix = route.Success ? route.Groups["route"].Value.Replace("[controller]", name, StringComparison.OrdinalIgnoreCase) : "";
        foreach (Match m in HttpAttribute().Matches(file.Content, controller.Index))
        {
            var path = m.Groups["path"].Success ? m.Groups["path"].Value : "";
            found.Add(new(m.Groups["verb"].Value.ToUpperInvariant(), path.StartsWith('/') || path.StartsWith('~') ? path.TrimStart('~') : Join("/" + prefix.TrimStart('/'), path),
                "ASP.NET Core controller", file.Path, LineOf(file, m.Index)));
        }
    }

    /// <summary>
    /// Router modules mounted from another file (<c>const products = require('./routes/products'); app.use('/api/products', products)</c>):
    /// the module's path and the prefix its routes get.
    /// </summary>
    static Dictionary<string, string> ExpressMounts(RepositorySnapshot snapshot)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in snapshot.WithExtension(".js", ".mjs", ".cjs", ".ts"))
        {
            var modules = Require().Matches(file.Content).GroupBy(m => m.Groups["var"].Value).ToDictionary(g => g.Key, g => g.First().Groups["module"].Value);
            foreach (Match use in AppUse().Matches(file.Content))
            {
                if (!modules.TryGetValue(use.Groups["router"].Value, out var module)) continue;
                var folder = Path.GetDirectoryName(file.Path) ?? "";
                var resolved = Path.GetRelativePath("/r", Path.GetFullPath(Path.Combine("/r", folder, module))).Replace('\\', '/');
                foreach (var candidate in new[] { resolved, resolved + ".js", resolved + ".ts", resolved + "/index.js" })
                    if (snapshot.Find(candidate) is { } target) prefixes[target.Path] = use.Groups["prefix"].Value;
            }
        }
        return prefixes;
    }

    static void Express(SnapshotFile file, string modulePrefix, List<FoundEndpoint> found)
    {
        if (!file.Content.Contains("express", StringComparison.Ordinal) && !RouterCall().IsMatch(file.Content)) return;
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in AppUse().Matches(file.Content)) mounts[m.Groups["router"].Value] = m.Groups["prefix"].Value;
        foreach (Match m in ExpressRoute().Matches(file.Content))
        {
            var receiver = m.Groups["receiver"].Value;
            var prefix = mounts.GetValueOrDefault(receiver, receiver == "app" ? "" : modulePrefix);
            found.Add(new(m.Groups["verb"].Value.ToUpperInvariant(), Join(prefix, m.Groups["path"].Value), "Express", file.Path, LineOf(file, m.Index)));
        }
    }

    static void Python(SnapshotFile file, List<FoundEndpoint> found)
    {
        var framework = file.Content.Contains("fastapi", StringComparison.OrdinalIgnoreCase) ? "FastAPI"
            : file.Content.Contains("flask", StringComparison.OrdinalIgnoreCase) ? "Flask" : null;
        if (framework is null) return;
        foreach (Match m in PythonVerbDecorator().Matches(file.Content))
            found.Add(new(m.Groups["verb"].Value.ToUpperInvariant(), m.Groups["path"].Value, framework, file.Path, LineOf(file, m.Index)));
        foreach (Match m in FlaskRoute().Matches(file.Content))
        {
            var methods = m.Groups["methods"].Success
                ? QuotedWord().Matches(m.Groups["methods"].Value).Select(q => q.Groups[1].Value.ToUpperInvariant()).ToList()
                : ["GET"];
            foreach (var method in methods) found.Add(new(method, m.Groups["path"].Value, framework, file.Path, LineOf(file, m.Index)));
        }
    }

    static string Join(string prefix, string path)
    {
        var joined = "/" + string.Join('/', new[] { prefix, path }.SelectMany(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)));
        return joined;
    }

    static int LineOf(SnapshotFile file, int index) => file.Content.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"(?:var|RouteGroupBuilder)\s+(?<var>\w+)\s*=\s*(?<parent>\w+)\s*\.MapGroup\(\s*""(?<prefix>[^""]*)""")] private static partial Regex MapGroup();
    [GeneratedRegex(@"(?<receiver>\w+)\s*\.Map(?<verb>Get|Post|Put|Delete|Patch)\(\s*""(?<path>[^""]*)""")] private static partial Regex MapVerb();
    [GeneratedRegex(@"class\s+(?<name>\w+)Controller\b")] private static partial Regex ControllerClass();
    [GeneratedRegex(@"\[Route\(\s*""(?<route>[^""]*)""\s*\)\]\s*(?:\[[^\]]*\]\s*)*(?:public\s+)?(?:sealed\s+)?(?:partial\s+)?class\s+\w+Controller", RegexOptions.RightToLeft)] private static partial Regex ClassRoute();
    [GeneratedRegex(@"\[Http(?<verb>Get|Post|Put|Delete|Patch)(?:\(\s*""(?<path>[^""]*)""[^)]*\))?\]")] private static partial Regex HttpAttribute();
    [GeneratedRegex(@"(?<receiver>\w+)\.(?<verb>get|post|put|delete|patch)\(\s*['""`](?<path>/[^'""`]*)['""`]")] private static partial Regex ExpressRoute();
    [GeneratedRegex(@"\w+\.use\(\s*['""`](?<prefix>/[^'""`]*)['""`]\s*,\s*(?<router>\w+)\s*\)")] private static partial Regex AppUse();
    [GeneratedRegex(@"(?:const|let|var)\s+(?<var>\w+)\s*=\s*require\(\s*['""](?<module>\.{1,2}/[^'""]+)['""]\s*\)")] private static partial Regex Require();
    [GeneratedRegex(@"express\.Router\(\)|Router\(\)")] private static partial Regex RouterCall();
    [GeneratedRegex(@"@\w+\.(?<verb>get|post|put|delete|patch)\(\s*['""](?<path>[^'""]*)['""]")] private static partial Regex PythonVerbDecorator();
    [GeneratedRegex(@"@\w+\.route\(\s*['""](?<path>[^'""]*)['""](?:[^)]*methods\s*=\s*\[(?<methods>[^\]]*)\])?")] private static partial Regex FlaskRoute();
    [GeneratedRegex(@"['""](\w+)['""]")] private static partial Regex QuotedWord();
}
