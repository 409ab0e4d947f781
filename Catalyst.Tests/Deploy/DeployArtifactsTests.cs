using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Catalyst.Tests.AppHost;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Deploy;

/// <summary>
/// deploy/: the Aspire manifest (generated from the AppHost; eng/aspire-manifest.sh --check keeps it current),
/// and the hand-written docker-compose.yml and k8s/ that must describe the same system: every resource, its
/// image, volumes and settings, every connection string pointing at the right server, every secret parameter.
/// </summary>
public sealed class DeployArtifactsTests
{
    static readonly DeployTarget[] Targets = [DeployTarget.Compose(), DeployTarget.Kubernetes()];

    [Fact]
    public void Compose_and_Kubernetes_run_every_manifest_resource_with_its_settings_connections_and_secrets()
    {
        var manifest = DeployTarget.Manifest();
        Assert.Equal(["catalyst-agents", "catalyst-api"], Projects(manifest).Order());
        Assert.Equal(["cache", "messaging", "postgres"], Containers(manifest).Order());
        var problems = Targets.SelectMany(target => target.ProblemsAgainst(manifest)).ToList();
        Assert.True(problems.Count == 0, $"The deployment files depart from deploy/aspire-manifest.json:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void A_project_or_a_connection_string_missing_from_a_deployment_is_reported()
    {
        var manifest = DeployTarget.Manifest();
        var compose = DeployTarget.Compose().Without("catalyst-agents");
        var kubernetes = DeployTarget.Kubernetes().WithoutVariable("catalyst-api", "ConnectionStrings__cache");

        Assert.Contains("deploy/docker-compose.yml has no service 'catalyst-agents' (a project.v0 in the manifest).", compose.ProblemsAgainst(manifest));
        Assert.Contains("deploy/k8s: 'catalyst-api' is not given ConnectionStrings__cache (the manifest gives it).", kubernetes.ProblemsAgainst(manifest));
    }

    [Fact]
    public async Task Each_project_runs_as_many_replicas_as_the_AppHost_gives_it()
    {
        using var data = new TestDirectory("deploy-model");
        await using var model = await AppHostWiring.BuildModelAsync(
            ["--Catalyst:Infrastructure=Containers", $"--Catalyst:AppHost:DataDirectory={data.Path}"], TestContext.Current.CancellationToken);
        var replicas = model.Resources.OfType<ProjectResource>()
            .ToDictionary(p => p.Name, p => p.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1);
        Assert.Equal(2, replicas["catalyst-agents"]);

        var departures = Targets.SelectMany(target => replicas
            .Where(p => (target.Services.TryGetValue(p.Key, out var service) ? service.Replicas : 0) != p.Value)
            .Select(p => $"{target.Name}: '{p.Key}' does not run {p.Value} replica(s), as the AppHost does.")).ToList();
        Assert.True(departures.Count == 0, string.Join("\n", departures));
    }

    [Fact]
    public void The_manifest_names_no_folder_of_the_machine_that_generated_it_and_holds_no_secret_value()
    {
        var text = File.ReadAllText(Path.Combine(DeployTarget.Directory, "aspire-manifest.json"));
        var manifest = DeployTarget.Manifest();
        Assert.DoesNotContain(ServiceConnectionNames.RepositoryRoot, text);
        Assert.DoesNotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/", text);
        foreach (var name in Projects(manifest))
        {
            var path = (string)manifest[name]!["path"]!;
            Assert.False(Path.IsPathRooted(path), path);
            Assert.True(File.Exists(Path.Combine(DeployTarget.Directory, path)), $"{name}: {path} is not a project relative to deploy/");
        }
        Assert.All(manifest, r => Assert.Null(r.Value!["bindMounts"]));

        var parameters = manifest.Where(r => (string?)r.Value!["type"] == "parameter.v0").ToList();
        Assert.Equal(["cache-password", "catalyst-api-key", "messaging-password", "postgres-password"], parameters.Select(p => p.Key).Order());
        foreach (var (name, parameter) in parameters)
        {
            var input = parameter!["inputs"]!["value"]!;
            Assert.True((bool?)input["secret"], $"{name} is not secret");
            Assert.Null(input["default"]?["value"]);
        }
    }

    [Fact]
    public void No_image_in_the_deployment_files_names_a_registry_host()
    {
        var images = Containers(DeployTarget.Manifest()).Select(name => (string)DeployTarget.Manifest()[name]!["image"]!)
            .Concat(Targets.SelectMany(t => t.Services.Values).Select(s => s.Image!)).Distinct().ToList();
        Assert.Contains("catalyst-api:latest", images);
        Assert.All(images, image =>
        {
            var first = image.Split('/')[0];
            Assert.False(image.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost"), $"{image} names a registry host");
        });
    }

    static IEnumerable<string> Projects(JsonObject manifest) => OfType(manifest, "project.v0");

    static IEnumerable<string> Containers(JsonObject manifest) => OfType(manifest, "container.v0");

    static IEnumerable<string> OfType(JsonObject manifest, string type) =>
        manifest.Where(r => (string?)r.Value!["type"] == type).Select(r => r.Key);
}
