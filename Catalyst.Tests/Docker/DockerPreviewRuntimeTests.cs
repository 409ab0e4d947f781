using Catalyst.Agents.Deployer;
using Catalyst.Agents.Docker;
using Catalyst.Tests.Infrastructure;
using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Docker;

public sealed class DockerPreviewRuntimeTests(DockerServerFixture docker)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_preview_runs_confined_on_loopback_and_stopping_removes_all_it_made()
    {
        using var root = new TestDirectory("dpr");
        var (runtime, client) = await RuntimeAsync(NodeApp.Node);
        var app = Path.Combine(root.Path, "app");
        NodeApp.WriteTo(app);
        var launch = Launch(new PreviewApp("node", app, "node", ["src/server.js"]), root.Path);

        var handle = await runtime.StartAsync(launch, Ct);

        Assert.Equal("ok", await NodeApp.WaitForHealthAsync(launch.Port, Ct));
        using var http = new HttpClient();
        Assert.Equal("hello from node", await http.GetStringAsync($"http://127.0.0.1:{launch.Port}/", Ct));
        // The data folder is the app's one writable place, kept on the host.
        Assert.Equal("visit", File.ReadAllText(Path.Combine(launch.DataDirectory, "visits.txt")).Trim());
        Assert.True(await runtime.IsRunningAsync(handle, Ct));
        Assert.Contains(await runtime.ListAsync(root.Path, Ct), h => h == handle);
        Assert.Contains($"{NodeApp.ListeningLine} on 8080", await runtime.TailLogAsync(handle, root.Path, 10, Ct));

        var container = await client.Containers.InspectContainerAsync(handle.RuntimeId, Ct);
        Assert.Equal(launch.Name, container.Name.TrimStart('/'));
        Assert.Equal($"{PreviewDockerfile.AppUserId}:{PreviewDockerfile.AppUserId}", container.Config.User);
        Assert.True(container.HostConfig.ReadonlyRootfs);
        Assert.Equal(["ALL"], container.HostConfig.CapDrop);
        Assert.Contains("no-new-privileges", container.HostConfig.SecurityOpt);
        Assert.Equal(256L * 1024 * 1024, container.HostConfig.Memory);
        Assert.Equal(64, container.HostConfig.PidsLimit);
        Assert.Equal("127.0.0.1", Assert.Single(container.HostConfig.PortBindings["8080/tcp"]).HostIP);
        Assert.Equal("kept", container.Config.Labels["test.label"]);
        Assert.Equal([launch.Name], container.NetworkSettings.Networks.Keys);

        await runtime.StopAsync(handle, Ct);

        Assert.False(await runtime.IsRunningAsync(handle, Ct));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(handle.RuntimeId, Ct));
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => client.Networks.InspectNetworkAsync(handle.Network!, Ct));
        await Assert.ThrowsAsync<DockerImageNotFoundException>(() => client.Images.InspectImageAsync(handle.Image!, Ct));
        Assert.DoesNotContain(await runtime.ListAsync(root.Path, Ct), h => h.TaskId == launch.TaskId);
        await runtime.StopAsync(handle, Ct);   // nothing left to stop is fine
    }

    [Fact]
    public async Task Starting_again_with_the_same_name_replaces_the_first_preview()
    {
        using var root = new TestDirectory("dpr");
        var (runtime, client) = await RuntimeAsync(NodeApp.Node);
        var app = Path.Combine(root.Path, "app");
        NodeApp.WriteTo(app);
        var first = Launch(new PreviewApp("node", app, "node", ["src/server.js"]), root.Path);
        var second = first with { Port = FreePort.Next() };

        var replaced = await runtime.StartAsync(first, Ct);
        var current = await runtime.StartAsync(second, Ct);

        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(replaced.RuntimeId, Ct));
        Assert.Equal("ok", await NodeApp.WaitForHealthAsync(second.Port, Ct));
        Assert.Single(await runtime.ListAsync(root.Path, Ct), h => h.TaskId == first.TaskId);
        await runtime.StopAsync(current, Ct);
    }

    [Fact]
    public async Task A_dotnet_preview_runs_on_the_mounted_host_runtime()
    {
        using var root = new TestDirectory("dpr");
        var (runtime, _) = await RuntimeAsync(DotnetApp.DotnetRoot);
        var app = Path.Combine(root.Path, "app");
        Directory.CreateDirectory(app);
        DotnetApp.WriteTo(app);
        var launch = Launch(new PreviewApp("dotnet", app, "dotnet", [DotnetApp.Assembly + ".dll"]), root.Path);

        var handle = await runtime.StartAsync(launch, Ct);
        try
        {
            Assert.Equal("ok", await NodeApp.WaitForHealthAsync(launch.Port, Ct));
            using var http = new HttpClient();
            Assert.Equal(DotnetApp.Greeting, await http.GetStringAsync($"http://127.0.0.1:{launch.Port}/", Ct));
        }
        finally { await runtime.StopAsync(handle, CancellationToken.None); }
    }

    [Fact]
    public async Task A_build_that_fails_says_why_and_leaves_nothing_behind()
    {
        using var root = new TestDirectory("dpr");
        var server = await docker.GetAsync();
        var options = new DockerOptions { Endpoint = server.Endpoint, NodeBaseImage = "catalyst/no-such-image:bookworm" };
        var runtime = new DockerPreviewRuntime(server.Client, Options.Create(options), Options.Create(new PreviewOptions()), NullLogger<DockerPreviewRuntime>.Instance);
        var app = Path.Combine(root.Path, "app");
        NodeApp.WriteTo(app);
        var launch = Launch(new PreviewApp("node", app, "node", ["src/server.js"]), root.Path);

        var error = await Assert.ThrowsAsync<DockerBuildException>(() => runtime.StartAsync(launch, Ct));

        Assert.Contains("catalyst/no-such-image", error.Message);
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => server.Client.Networks.InspectNetworkAsync(launch.Name, Ct));
        Assert.False(File.Exists(Path.Combine(root.Path, "build-context.tar")));
    }

    async Task<(DockerPreviewRuntime Runtime, IDockerClient Client)> RuntimeAsync(string runtimeMount)
    {
        var server = await docker.GetAsync();
        var options = new DockerOptions
        {
            Endpoint = server.Endpoint, DotnetBaseImage = DockerServer.BaseImage, NodeBaseImage = DockerServer.BaseImage, HostRuntimeMounts = [runtimeMount],
        };
        var limits = new PreviewOptions { MemoryLimitBytes = 256L * 1024 * 1024, PidsLimit = 64, Cpus = 0.5 };
        return (new DockerPreviewRuntime(server.Client, Options.Create(options), Options.Create(limits), NullLogger<DockerPreviewRuntime>.Instance), server.Client);
    }

    static PreviewLaunch Launch(PreviewApp app, string root)
    {
        var task = Guid.NewGuid();
        return new PreviewLaunch(task, $"preview-{task.ToString("N")[..8]}", app, FreePort.Next(), root,
            new Dictionary<string, string> { ["test.label"] = "kept" });
    }
}
