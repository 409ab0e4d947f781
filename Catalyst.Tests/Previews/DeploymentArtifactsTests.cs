using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer;
using Catalyst.Agents.Deployer.Routing;
using Catalyst.Agents.Docker;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace Catalyst.Tests.Previews;

/// <summary>What a deployment writes and how Traefik is told about a preview: real files, parsed back.</summary>
public sealed class DeploymentArtifactsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly Guid TaskId = Guid.Parse("0190f2a4-1234-7abc-8def-0123456789ab");

    [Fact]
    public async Task Every_mode_writes_the_spec_files_and_the_record_describes_the_running_preview()
    {
        using var folder = new TestDirectory("deploy");
        var preview = new PreviewDeploymentEntity
        {
            TaskId = TaskId, Url = "http://todo-app-0190f2a4.localhost/", Mode = "docker", Status = PreviewStatus.Running, Health = PreviewHealth.Healthy,
            Port = 9003, DirectUrl = "http://127.0.0.1:9003/", CleanUrl = "http://todo-app-0190f2a4.localhost/", ContainerId = "abc123",
            Image = "catalyst-preview/preview-0190f2a4:latest", Network = "preview-0190f2a4", CreatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch.AddDays(1),
        };
        var dockerfile = PreviewDockerfile.For(new PreviewApp("dotnet", "/unused", "dotnet", ["TodoApp.dll"]), "base:1");

        await new DeploymentFiles(Options.Create(new PreviewOptions())).WriteAsync(folder.Path,
            new DeploymentDescription(TaskId, "todo-app", "dotnet", "0123456789abcdef0123456789abcdef01234567", "todo-app-0190f2a4.localhost", dockerfile, preview), Ct);

        foreach (var yaml in new[] { "docker-compose.preview.yml", "k8s/deployment.yaml", "k8s/service.yaml", "k8s/ingress.yaml", "k8s/configmap.yaml" })
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(folder.Path, yaml), Ct)));
            Assert.Single(stream.Documents);
        }
        Assert.Contains("todo-app-0190f2a4.localhost", await File.ReadAllTextAsync(Path.Combine(folder.Path, "k8s/ingress.yaml"), Ct));
        Assert.Contains("CMD [\"dotnet\",\"TodoApp.dll\"]", await File.ReadAllTextAsync(Path.Combine(folder.Path, "Dockerfile"), Ct));
        var record = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "deployment-record.json"), Ct))!;
        Assert.Equal("docker", (string?)record["deployment_mode"]);
        var container = record["containers"]!.AsArray().Single()!;
        Assert.Equal(("docker://abc123", 9003, "healthy"), ((string?)container["container_id"], (int?)container["port"], (string?)container["status"]));
        Assert.Equal("http://todo-app-0190f2a4.localhost/", (string?)record["urls"]!["traefik"]);
        Assert.NotNull(record["expires_at"]);
        Assert.Contains("http://127.0.0.1:9003/", await File.ReadAllTextAsync(Path.Combine(folder.Path, "DEPLOYMENT.md"), Ct));
    }

    [Fact]
    public async Task Traefik_routes_a_process_preview_with_a_file_and_a_container_with_labels()
    {
        using var dynamic = new TestDirectory("traefik");
        var route = new PreviewRoute(TaskId, PreviewHosts.NameFor(TaskId), PreviewHosts.HostFor("Todo App!", TaskId, "localhost"), 9005);
        var process = new TraefikPreviewRouter(Options.Create(new PreviewOptions { Routing = { Provider = PreviewRoutingProvider.Traefik, TraefikDynamicDirectory = dynamic.Path } }));

        var url = await process.AddAsync(route, Ct);

        Assert.Equal("http://todo-app-0190f2a4.localhost/", url.ToString());
        var file = Assert.Single(Directory.GetFiles(dynamic.Path));
        var config = new YamlStream();
        config.Load(new StringReader(await File.ReadAllTextAsync(file, Ct)));
        var root = (YamlMappingNode)config.Documents[0].RootNode;
        var router = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["http"])["routers"])["preview-0190f2a4"];
        Assert.Equal("Host(`todo-app-0190f2a4.localhost`)", router["rule"].ToString());
        Assert.Contains("http://127.0.0.1:9005", await File.ReadAllTextAsync(file, Ct));
        Assert.True(await process.ExistsAsync(route, Ct));
        Assert.Empty(process.LabelsFor(route));
        await process.RemoveAsync(route, Ct);
        Assert.Empty(Directory.GetFiles(dynamic.Path));

        var docker = new TraefikPreviewRouter(Options.Create(new PreviewOptions { Mode = PreviewMode.Docker, Routing = { Provider = PreviewRoutingProvider.Traefik } }));
        var labels = docker.LabelsFor(route);
        Assert.Equal("Host(`todo-app-0190f2a4.localhost`)", labels["traefik.http.routers.preview-0190f2a4.rule"]);
        Assert.Equal("8080", labels["traefik.http.services.preview-0190f2a4.loadbalancer.server.port"]);
    }
}
