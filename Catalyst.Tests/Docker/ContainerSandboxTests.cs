using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Catalyst.Agents.Docker;
using Catalyst.Agents.Tester;
using Catalyst.Tests.Infrastructure;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Docker;

public sealed class ContainerSandboxTests(DockerServerFixture docker) : IDisposable
{
    readonly TestDirectory caches = new("csbc");

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_runs_in_the_workspace_and_its_output_and_exit_code_come_back()
    {
        using var workspace = new TestDirectory("csb");
        var (sandbox, _) = await SandboxAsync();

        var result = await sandbox.RunAsync(workspace.Path,
            new SandboxCommand("sh", ["-c", "pwd; echo made > made.txt; echo to-stderr >&2; exit 3"], TimeSpan.FromSeconds(30)), Ct);

        Assert.False(result.TimedOut);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(workspace.Path, result.StandardOutput.Trim());
        Assert.Equal("to-stderr", result.StandardError.Trim());
        Assert.Equal("made", File.ReadAllText(Path.Combine(workspace.Path, "made.txt")).Trim());
    }

    [Fact]
    public async Task A_command_has_no_network_unless_it_needs_one()
    {
        using var workspace = new TestDirectory("csb");
        var (sandbox, _) = await SandboxAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new SandboxCommand("bash", ["-c", $"cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' '; (echo hi > /dev/tcp/127.0.0.1/{port}) 2>/dev/null && echo connected"], TimeSpan.FromSeconds(30));

        var offline = await sandbox.RunAsync(workspace.Path, probe, Ct);
        var online = await sandbox.RunAsync(workspace.Path, probe with { NeedsNetwork = true }, Ct);

        Assert.Equal(["lo"], Lines(offline.StandardOutput));
        Assert.False(listener.Pending());
        // The same probe with the network sees an interface of its own (a bridge, still not the host's loopback).
        Assert.Contains("eth0", Lines(online.StandardOutput));
        Assert.DoesNotContain("connected", online.StandardOutput);
    }

    [Fact]
    public async Task A_command_that_allocates_past_the_memory_limit_is_killed()
    {
        using var workspace = new TestDirectory("csb");
        var (sandbox, _) = await SandboxAsync(new SandboxOptions { MemoryLimitBytes = 64L * 1024 * 1024 });

        // tail keeps a line without newline whole in memory: 300 MB of zeros. Bounded, so a missing limit fails the test rather than the machine.
        var result = await sandbox.RunAsync(workspace.Path, new SandboxCommand("sh", ["-c", "head -c 300m /dev/zero | tail > /dev/null"], TimeSpan.FromSeconds(60)), Ct);

        Assert.False(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        Assert.Contains("memory limit of 64 MiB", result.StandardError);
    }

    [Fact]
    public async Task A_command_past_its_time_limit_is_killed_and_its_container_removed()
    {
        using var workspace = new TestDirectory("csb");
        var (sandbox, server) = await SandboxAsync();
        var marker = $"{Random.Shared.Next(300, 400)}.{Random.Shared.Next(100, 999)}";
        var clock = Stopwatch.StartNew();

        var result = await sandbox.RunAsync(workspace.Path, new SandboxCommand("sh", ["-c", $"echo started; sleep {marker}"], TimeSpan.FromSeconds(2)), Ct);

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("started", result.StandardOutput.Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}"); // far below the sleep's 300-400 s
        var containers = await server.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, Ct);
        Assert.DoesNotContain(containers, c => c.Command.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generated_code_sees_none_of_our_environment()
    {
        using var workspace = new TestDirectory("csb");
        var (sandbox, _) = await SandboxAsync();
        Environment.SetEnvironmentVariable("CATALYST_SANDBOX_CANARY", "s3cret-container-canary");
        try
        {
            var result = await sandbox.RunAsync(workspace.Path,
                new SandboxCommand("env", [], TimeSpan.FromSeconds(30)) { Environment = new Dictionary<string, string> { ["PORT"] = "8080" } }, Ct);

            Assert.True(result.Succeeded, result.StandardError);
            Assert.DoesNotContain("s3cret-container-canary", result.StandardOutput);
            Assert.DoesNotContain("CATALYST_SANDBOX_CANARY", result.StandardOutput);
            Assert.Contains("PORT=8080", Lines(result.StandardOutput));
            Assert.Contains("CI=true", Lines(result.StandardOutput));
            Assert.Contains($"HOME={workspace.Path}/.sandbox/home", Lines(result.StandardOutput));
        }
        finally { Environment.SetEnvironmentVariable("CATALYST_SANDBOX_CANARY", null); }
    }

    [Fact]
    public async Task The_app_under_test_is_reachable_on_loopback_and_its_container_is_removed_after()
    {
        using var workspace = new TestDirectory("csb");
        var (sandbox, server) = await SandboxAsync(mounts: [NodeApp.Node]);
        NodeApp.WriteTo(workspace.Path);
        var port = FreePort.Next();
        var log = Path.Combine(workspace.Path, "app.log");

        string id;
        await using (var app = await sandbox.StartAsync(workspace.Path,
            new SandboxCommand("node", ["src/server.js"], TimeSpan.FromMinutes(1)) { Environment = new Dictionary<string, string> { ["PORT"] = port.ToString() } }, log, Ct))
        {
            Assert.Equal("ok", await NodeApp.WaitForHealthAsync(port, Ct));
            Assert.False(app.HasExited);
            id = Assert.Single(await server.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerSandbox.SandboxLabel}=true"] = true } },
            }, Ct), c => c.Command.Contains("src/server.js", StringComparison.Ordinal)).ID;
        }

        Assert.Contains(NodeApp.ListeningLine, File.ReadAllText(log));
        await Assert.ThrowsAsync<global::Docker.DotNet.DockerContainerNotFoundException>(() => server.Client.Containers.InspectContainerAsync(id, Ct));
    }

    async Task<(ContainerSandbox Sandbox, DockerServer Server)> SandboxAsync(SandboxOptions? options = null, IReadOnlyList<string>? mounts = null)
    {
        var server = await docker.GetAsync();
        options ??= new SandboxOptions();
        options.NuGetPackages = Path.Combine(caches.Path, "nuget");
        options.NpmCache = Path.Combine(caches.Path, "npm");
        var dockerOptions = new DockerOptions { Endpoint = server.Endpoint, SandboxImage = DockerServer.BaseImage, HostRuntimeMounts = [.. mounts ?? []] };
        return (new ContainerSandbox(server.Client, Options.Create(dockerOptions), options), server);
    }

    public void Dispose() => caches.Dispose();

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
