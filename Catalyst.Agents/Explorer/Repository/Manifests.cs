using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>One declared dependency: its ecosystem (nuget, npm, pypi, go, docker), name, version as written, and the manifest that declares it.</summary>
public sealed record Dependency(string Ecosystem, string Name, string? Version, string Manifest, bool Development = false);

/// <summary>What the manifests declare: dependencies, runtimes ("net10.0", "node >=20", "go 1.22"), container images and compose services.</summary>
public sealed record ManifestReport(
    IReadOnlyList<Dependency> Dependencies, IReadOnlyList<string> Runtimes, IReadOnlyList<string> Manifests,
    IReadOnlyList<string> ComposeServices, IReadOnlyList<string> NpmTestScripts);

/// <summary>
/// Reads the manifests the issue names: *.csproj (with central versions from Directory.Packages.props),
/// package.json, requirements*.txt and pyproject.toml, go.mod, Dockerfile and compose files. A manifest that
/// does not parse is reported, not fatal.
/// </summary>
public static partial class Manifests
{
    public static ManifestReport Read(RepositorySnapshot snapshot, List<string> problems)
    {
        var dependencies = new List<Dependency>();
        var runtimes = new SortedSet<string>(StringComparer.Ordinal);
        var manifests = new List<string>();
        var services = new List<string>();
        var testScripts = new List<string>();

        var central = snapshot.Named("Directory.Packages.props").SelectMany(f => Try(f, problems, () => XDocument.Parse(f.Content).Descendants()
            .Where(e => e.Name.LocalName == "PackageVersion").Select(e => (Name: (string?)e.Attribute("Include"), Version: (string?)e.Attribute("Version"))))
            ?? []).Where(p => p.Name is not null).GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Version, StringComparer.OrdinalIgnoreCase);

        foreach (var file in snapshot.WithExtension(".csproj", ".fsproj"))
        {
            var project = Try(file, problems, () => XDocument.Parse(file.Content));
            if (project is null) continue;
            manifests.Add(file.Path);
            var sdk = (string?)project.Root?.Attribute("Sdk");
            if (sdk?.Contains(".Web", StringComparison.Ordinal) == true) dependencies.Add(new("nuget", "Microsoft.AspNetCore.App", null, file.Path));
            foreach (var tfm in project.Descendants().Where(e => e.Name.LocalName is "TargetFramework" or "TargetFrameworks").SelectMany(e => e.Value.Split(';')))
                if (tfm.Trim().Length > 0) runtimes.Add(tfm.Trim());
            foreach (var reference in project.Descendants().Where(e => e.Name.LocalName == "PackageReference"))
                if ((string?)reference.Attribute("Include") is { } name)
                    dependencies.Add(new("nuget", name, (string?)reference.Attribute("Version") ?? (string?)reference.Element(reference.Name.Namespace + "Version")
                        ?? central.GetValueOrDefault(name), file.Path));
        }

        foreach (var file in snapshot.Named("package.json"))
        {
            var json = Try(file, problems, () => JsonDocument.Parse(file.Content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }));
            if (json is null) continue;
            using var _ = json;
            manifests.Add(file.Path);
            foreach (var (section, dev) in new[] { ("dependencies", false), ("devDependencies", true) })
                if (json.RootElement.TryGetProperty(section, out var deps) && deps.ValueKind == JsonValueKind.Object)
                    foreach (var dep in deps.EnumerateObject()) dependencies.Add(new("npm", dep.Name, dep.Value.GetString(), file.Path, dev));
            if (json.RootElement.TryGetProperty("engines", out var engines) && engines.TryGetProperty("node", out var node)) runtimes.Add($"node {node.GetString()}");
            else runtimes.Add("node");
            if (json.RootElement.TryGetProperty("scripts", out var scripts) && scripts.TryGetProperty("test", out var test) && test.GetString() is { } command)
                testScripts.Add(command);
        }

        foreach (var file in snapshot.Files.Where(f => RequirementsFile().IsMatch(f.Name)))
        {
            manifests.Add(file.Path);
            foreach (var line in file.Content.Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0 && !l.StartsWith('-')))
                if (Requirement().Match(line) is { Success: true } m) dependencies.Add(new("pypi", m.Groups["name"].Value, m.Groups["version"].Success ? m.Groups["version"].Value.Trim() : null, file.Path));
        }
        foreach (var file in snapshot.Named("pyproject.toml"))
        {
            manifests.Add(file.Path);
            // The dependencies array of [project]: strings such as "fastapi>=0.110".
            var block = PyprojectDependencies().Match(file.Content);
            if (block.Success)
                foreach (Match item in QuotedString().Matches(block.Groups["items"].Value))
                    if (Requirement().Match(item.Groups[1].Value) is { Success: true } m) dependencies.Add(new("pypi", m.Groups["name"].Value, m.Groups["version"].Success ? m.Groups["version"].Value.Trim() : null, file.Path));
        }

        foreach (var file in snapshot.Named("go.mod"))
        {
            manifests.Add(file.Path);
            if (GoVersion().Match(file.Content) is { Success: true } go) runtimes.Add($"go {go.Groups[1].Value}");
            foreach (Match m in GoRequire().Matches(file.Content)) dependencies.Add(new("go", m.Groups["name"].Value, m.Groups["version"].Value, file.Path, m.Value.Contains("// indirect")));
        }

        foreach (var file in snapshot.Files.Where(f => f.Name.StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase) || f.Extension == ".dockerfile"))
        {
            manifests.Add(file.Path);
            foreach (Match m in DockerFrom().Matches(file.Content))
            {
                var image = m.Groups["image"].Value;
                var colon = image.LastIndexOf(':');
                dependencies.Add(new("docker", colon > 0 ? image[..colon] : image, colon > 0 ? image[(colon + 1)..] : "latest", file.Path));
            }
        }

        foreach (var file in snapshot.Files.Where(f => ComposeFile().IsMatch(f.Name)))
        {
            var yaml = Try(file, problems, () => { var stream = new YamlStream(); stream.Load(new StringReader(file.Content)); return stream; });
            if (yaml is null || yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) continue;
            manifests.Add(file.Path);
            if (!root.Children.TryGetValue(new YamlScalarNode("services"), out var node) || node is not YamlMappingNode composeServices) continue;
            foreach (var (key, value) in composeServices.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                var image = value is YamlMappingNode service && service.Children.TryGetValue(new YamlScalarNode("image"), out var i) ? ((YamlScalarNode)i).Value : null;
                services.Add(image is null ? name : $"{name} ({image})");
                if (image is not null)
                {
                    var colon = image.LastIndexOf(':');
                    dependencies.Add(new("docker", colon > 0 ? image[..colon] : image, colon > 0 ? image[(colon + 1)..] : "latest", file.Path));
                }
            }
        }
        return new ManifestReport(dependencies, [.. runtimes], manifests, services, testScripts);
    }

    static T? Try<T>(SnapshotFile file, List<string> problems, Func<T> read) where T : class
    {
        try { return read(); }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or YamlDotNet.Core.YamlException)
        {
            problems.Add($"{file.Path} could not be read: {ex.Message}");
            return null;
        }
    }

    [GeneratedRegex(@"^requirements.*\.txt$", RegexOptions.IgnoreCase)] private static partial Regex RequirementsFile();
    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(?<version>(?:==|>=|<=|~=|!=|>|<).+)?$")] private static partial Regex Requirement();
    [GeneratedRegex(@"(?ms)^\s*dependencies\s*=\s*\[(?<items>.*?)\]")] private static partial Regex PyprojectDependencies();
    [GeneratedRegex(@"""([^""]+)""")] private static partial Regex QuotedString();
    [GeneratedRegex(@"(?m)^go\s+(\S+)")] private static partial Regex GoVersion();
    [GeneratedRegex(@"(?m)^\s*(?:require\s+)?(?<name>[a-z0-9.\-]+\.[a-z]+/[^\s]+)\s+(?<version>v[^\s]+).*$")] private static partial Regex GoRequire();
    [GeneratedRegex(@"(?im)^\s*FROM\s+(?:--\S+\s+)*(?<image>[^\s]+)")] private static partial Regex DockerFrom();
    [GeneratedRegex(@"^(docker-)?compose(\.[\w-]+)?\.ya?ml$", RegexOptions.IgnoreCase)] private static partial Regex ComposeFile();
}
