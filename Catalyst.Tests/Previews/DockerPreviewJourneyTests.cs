using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Catalyst.Tests.Docker;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Catalyst.Tests.Previews;

/// <summary>
/// Docker mode with a real daemon and a real Caddy: the approved app runs in a container built from its preview
/// Dockerfile, confined, reachable on its mapped loopback port and through its clean URL; deleting the preview
/// removes the container, its network and image, and the route, and frees the port.
/// </summary>
public sealed class DockerPreviewJourneyTests(PostgresServerFixture postgres, DockerServerFixture dockerFixture, CaddyServerFixture caddyFixture)
{
    const string Prompt = "a todo app with user registration and login";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_todo_app_runs_in_a_container_reachable_by_port_and_clean_url_and_delete_removes_everything()
    {
        var docker = await dockerFixture.GetAsync();
        var caddy = await caddyFixture.GetAsync();
        var settings = new Dictionary<string, string?>(PreviewPorts.Settings())
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Preview:Mode"] = "Docker",
            ["Catalyst:Preview:StopOnShutdown"] = "true",
            ["Catalyst:Docker:Endpoint"] = docker.Endpoint,
            ["Catalyst:Docker:DotnetBaseImage"] = DockerServer.BaseImage,
            // The local base image has no .NET of its own: the host's runtime is mounted read-only.
            ["Catalyst:Docker:HostRuntimeMounts:0"] = DotnetApp.DotnetRoot,
            // This test is about the preview; the Tester's containers have their own tests (ContainerSandboxTests).
            ["Catalyst:Agents:Sandbox:Isolation"] = "Process",
            ["Catalyst:Preview:Routing:Provider"] = "Caddy",
            ["Catalyst:Preview:Routing:CaddyAdminUrl"] = caddy.AdminUrl,
            ["Catalyst:Preview:Routing:PublicPort"] = caddy.HttpPort.ToString(),
        };
        await using var api = new PipelineApi(settings, PipelineAgents.Real);
        var catalyst = api.CreateClient();
        using var browser = LoopbackNames.Client();

        var taskId = await api.SubmitAsync(Prompt, projectName: null);
        var (completed, failure) = await api.WaitForEventAsync(taskId, "deploy.complete", TimeSpan.FromMinutes(6));
        Assert.True(completed is not null, failure);
        var preview = JsonNode.Parse(await catalyst.GetStringAsync($"/api/preview/{taskId}", Ct))!;
        Assert.Equal(("docker", "running", "healthy"), ((string?)preview["mode"], (string?)preview["status"], (string?)preview["health"]));

        // Confined as configured: limits, read-only root, unprivileged, published on loopback only.
        var container = await docker.Client.Containers.InspectContainerAsync((string)preview["container_id"]!, Ct);
        Assert.True(container.State.Running);
        Assert.True(container.HostConfig.Memory > 0 && container.HostConfig.PidsLimit > 0 && container.HostConfig.NanoCPUs > 0);
        Assert.True(container.HostConfig.ReadonlyRootfs);
        Assert.NotEqual("root", container.Config.User is { Length: > 0 } user ? user : "root");
        var binding = Assert.Single(container.HostConfig.PortBindings.Values.SelectMany(b => b));
        Assert.Equal(("127.0.0.1", ((int)preview["port"]!).ToString()), (binding.HostIP, binding.HostPort));
        Assert.Equal((string?)preview["network"], Assert.Single(container.NetworkSettings.Networks.Keys));

        var directUrl = new Uri((string)preview["direct_url"]!);
        var cleanUrl = new Uri((string)preview["clean_url"]!);
        var page = await browser.GetStringAsync(directUrl, Ct);
        Assert.Contains("app.js", page);
        await TodoApi.RegisterLogInCreateAndListAsync(browser, directUrl, Ct);
        Assert.Equal(page, await browser.GetStringAsync(cleanUrl, Ct));
        Assert.True(File.Exists(Path.Combine(api.DataRoot, "artifacts", taskId.ToString(), "deployment", "Dockerfile")));

        var deleted = await catalyst.DeleteAsync($"/api/preview/{taskId}", Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => docker.Client.Containers.InspectContainerAsync((string)preview["container_id"]!, Ct));
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => docker.Client.Networks.InspectNetworkAsync((string)preview["network"]!, Ct));
        await Assert.ThrowsAsync<DockerImageNotFoundException>(() => docker.Client.Images.InspectImageAsync((string)preview["image"]!, Ct));
        using var admin = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{caddy.AdminUrl}/id/{(string)preview["name"]!}", Ct)).StatusCode);
        Assert.Empty(JsonNode.Parse(await catalyst.GetStringAsync("/api/preview", Ct))!.AsArray());
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, (int)preview["port"]!, Ct).AsTask());
    }
}
