using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Catalyst.Tests.Deploy;

/// <summary>A service as a deployment file declares it. An environment value is null when it comes from a secret.</summary>
public sealed record DeployedService(
    string Name, string Kind, string? Image, IReadOnlyDictionary<string, string?> Environment,
    IReadOnlySet<string> Mounts, IReadOnlySet<string> Probes, int Replicas);

/// <summary>
/// One way of deploying Catalyst (deploy/docker-compose.yml, or deploy/k8s/): its services, the host names it
/// answers to, the manifest parameters (secrets) it asks for, and the kind and probes each project needs.
/// </summary>
public sealed record DeployTarget(
    string Name, IReadOnlyDictionary<string, DeployedService> Services, IReadOnlySet<string> HostNames,
    IReadOnlySet<string> Parameters, string ProjectKind, IReadOnlySet<string> ProjectProbes)
{
    public static readonly string Directory = Path.Combine(AppHost.ServiceConnectionNames.RepositoryRoot, "deploy");

    public static JsonObject Manifest() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "aspire-manifest.json")))!["resources"]!.AsObject();

    /// <summary>deploy/docker-compose.yml: a service per resource; passwords as required variables, <c>${POSTGRES_PASSWORD:?...}</c>.</summary>
    public static DeployTarget Compose()
    {
        var text = File.ReadAllText(Path.Combine(Directory, "docker-compose.yml"));
        var services = Yaml.Documents(text).Single()["services"]!.AsObject().ToDictionary(s => s.Key, s =>
        {
            var service = s.Value!.AsObject();
            var environment = service["environment"] switch
            {
                JsonObject map => map.ToDictionary(e => e.Key, e => (string?)e.Value),
                JsonArray list => list.Select(e => ((string)e!).Split('=', 2)).ToDictionary(p => p[0], p => (string?)p.ElementAtOrDefault(1)),
                _ => new Dictionary<string, string?>(),
            };
            var mounts = (service["volumes"]?.AsArray() ?? new JsonArray()).Select(v => ((string)v!).Split(':')[1]).ToHashSet();
            var probes = Regex.Matches(service["healthcheck"]?.ToJsonString() ?? "", @"GET (/\w+)").Select(m => m.Groups[1].Value).ToHashSet();
            return new DeployedService(s.Key, "service", (string?)service["image"], environment, mounts, probes,
                int.Parse((string?)service["deploy"]?["replicas"] ?? "1"));
        });
        // A parameter is asked for when every reference to its variable requires it: ${NAME:?...}, never a default.
        var parameters = Regex.Matches(text, @"\$\{(\w+)(:?[-?+=]?)").GroupBy(m => m.Groups[1].Value)
            .Where(references => references.All(m => m.Groups[2].Value == ":?"))
            .Select(references => references.Key.ToLowerInvariant().Replace('_', '-')).ToHashSet();
        return new DeployTarget("deploy/docker-compose.yml", services, services.Keys.ToHashSet(), parameters, "service", new HashSet<string> { "/health" });
    }

    /// <summary>deploy/k8s/*.yaml: a workload per resource, a Service per host name, secrets by key from a Secret.</summary>
    public static DeployTarget Kubernetes()
    {
        var objects = System.IO.Directory.GetFiles(Path.Combine(Directory, "k8s"), "*.yaml").Order()
            .SelectMany(f => Yaml.Documents(File.ReadAllText(f))).ToList();
        var configMaps = objects.Where(o => (string?)o["kind"] == "ConfigMap")
            .ToDictionary(o => (string)o["metadata"]!["name"]!, o => o["data"]!.AsObject());
        var services = objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet").ToDictionary(o => (string)o["metadata"]!["name"]!, o =>
        {
            var container = o["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
            var environment = new Dictionary<string, string?>();
            foreach (var source in container["envFrom"]?.AsArray() ?? new JsonArray())
                foreach (var (key, value) in configMaps[(string)source!["configMapRef"]!["name"]!]) environment[key] = (string?)value;
            foreach (var variable in container["env"]?.AsArray() ?? new JsonArray()) environment[(string)variable!["name"]!] = (string?)variable["value"];
            var mounts = (container["volumeMounts"]?.AsArray() ?? new JsonArray()).Select(m => (string)m!["mountPath"]!).ToHashSet();
            var probes = new[] { "readinessProbe", "livenessProbe" }.Select(p => (string?)container[p]?["httpGet"]?["path"]).OfType<string>().ToHashSet();
            return new DeployedService((string)o["metadata"]!["name"]!, (string)o["kind"]!, (string?)container["image"], environment, mounts, probes,
                int.Parse((string?)o["spec"]!["replicas"] ?? "1"));
        });
        var hostNames = objects.Where(o => (string?)o["kind"] == "Service").Select(o => (string)o["metadata"]!["name"]!).ToHashSet();
        var parameters = objects.SelectMany(o => o.DescendantsNamed("secretKeyRef")).Select(r => (string)r["key"]!).ToHashSet();
        return new DeployTarget("deploy/k8s", services, hostNames, parameters, "Deployment", new HashSet<string> { "/health", "/alive" });
    }

    /// <summary>Every way this target departs from the manifest's resources, their settings and its parameters.</summary>
    public IEnumerable<string> ProblemsAgainst(JsonObject manifest)
    {
        foreach (var (name, node) in manifest)
        {
            var resource = node!.AsObject();
            var type = (string?)resource["type"];
            if (type is "parameter.v0")
            {
                if (!Parameters.Contains(name)) yield return $"{Name} does not ask for the manifest's parameter '{name}' (required, with no default).";
                continue;
            }
            if (type is not ("project.v0" or "container.v0")) continue;

            var kind = type == "project.v0" ? ProjectKind : "workload";
            if (!Services.TryGetValue(name, out var service) || (type == "project.v0" && service.Kind != ProjectKind))
            {
                yield return $"{Name} has no {kind} '{name}' (a {type} in the manifest).";
                continue;
            }
            var environment = resource["env"]?.AsObject() ?? new JsonObject();
            if (type == "container.v0")
            {
                if (service.Image != (string?)resource["image"]) yield return $"{Name}: '{name}' runs {service.Image}, the manifest {resource["image"]}.";
                if (!HostNames.Contains(name)) yield return $"{Name}: nothing answers to the host name '{name}'.";
                foreach (var volume in resource["volumes"]?.AsArray() ?? new JsonArray())
                    if (!service.Mounts.Contains((string)volume!["target"]!)) yield return $"{Name}: '{name}' mounts no volume at {volume["target"]}.";
            }
            else
            {
                if (service.Image?.Split(':')[0] != name) yield return $"{Name}: '{name}' runs {service.Image}, not an image named {name}.";
                foreach (var probe in ProjectProbes.Except(service.Probes)) yield return $"{Name}: '{name}' has no probe on {probe}.";
                environment = new JsonObject(environment.Where(e => e.Key.StartsWith("Catalyst__") || e.Key.StartsWith("ConnectionStrings__"))
                    .Select(e => KeyValuePair.Create(e.Key, e.Value?.DeepClone())));
            }
            foreach (var (variable, value) in environment)
            {
                if (!service.Environment.TryGetValue(variable, out var given))
                {
                    yield return $"{Name}: '{name}' is not given {variable} (the manifest gives it).";
                    continue;
                }
                var expected = (string?)value ?? "";
                if (!expected.Contains('{') && given != expected) yield return $"{Name}: '{name}' is given {variable}={given}, the manifest {expected}.";
                if (variable.StartsWith("ConnectionStrings__") && Server(manifest, variable["ConnectionStrings__".Length..]) is var server
                    && !Regex.IsMatch(given ?? "", $"(^|Host=|@){Regex.Escape(server)}[:;]"))
                    yield return $"{Name}: '{name}' has {variable} pointing elsewhere than '{server}'.";
            }
        }
    }

    /// <summary>The container a connection string leads to: catalystdb is a database on postgres.</summary>
    static string Server(JsonObject manifest, string connection) =>
        manifest[connection] is JsonObject { } resource && (string?)resource["type"] == "value.v0"
            && Regex.Match((string?)resource["connectionString"] ?? "", @"^\{([\w-]+)\.connectionString\}") is { Success: true } parent
            ? parent.Groups[1].Value
            : connection;

    public DeployTarget Without(string service) =>
        this with { Services = Services.Where(s => s.Key != service).ToDictionary() };

    public DeployTarget WithoutVariable(string service, string variable) =>
        this with
        {
            Services = Services.ToDictionary(s => s.Key, s => s.Key != service ? s.Value
                : s.Value with { Environment = s.Value.Environment.Where(e => e.Key != variable).ToDictionary() }),
        };
}

/// <summary>YAML documents as JSON nodes (every scalar a string), anchors and aliases resolved.</summary>
static class Yaml
{
    public static List<JsonObject> Documents(string text)
    {
        var parser = new Parser(new StringReader(text));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
            if (ToJson(deserializer.Deserialize<object?>(parser)) is JsonObject document) documents.Add(document);
        return documents;
    }

    public static IEnumerable<JsonObject> DescendantsNamed(this JsonNode node, string name) => node switch
    {
        JsonObject o => o.SelectMany(p => (p.Key == name && p.Value is JsonObject match ? [match] : Enumerable.Empty<JsonObject>())
            .Concat(p.Value?.DescendantsNamed(name) ?? [])),
        JsonArray a => a.SelectMany(e => e?.DescendantsNamed(name) ?? []),
        _ => [],
    };

    static JsonNode? ToJson(object? yaml) => yaml switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(e => KeyValuePair.Create(e.Key.ToString()!, ToJson(e.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(yaml.ToString()),
    };
}
