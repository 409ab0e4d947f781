using System.Net;
using Catalyst.Agents.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Catalyst.Agents.Tester;

/// <summary>
/// One started sandbox container and, when it may use the network, the bridge network made for it alone;
/// disposing removes both, whatever state the container is in.
/// </summary>
sealed class SandboxContainer : IAsyncDisposable
{
    readonly IDockerClient docker;
    readonly string? network;

    SandboxContainer(IDockerClient docker, string id, string? network)
    {
        this.docker = docker;
        Id = id;
        this.network = network;
    }

    public string Id { get; }

    /// <summary>
    /// Creates and starts the container. With the network it gets a bridge of its own rather than the host's
    /// network: the host's network would let a package's install script reach every loopback service (PostgreSQL,
    /// RabbitMQ, Catalyst's API, which trusts loopback callers). A bridge goes out through the daemon's NAT; on a
    /// daemon run without iptables (the tests') it has no way out, and restores are served by the warm caches.
    /// </summary>
    public static async Task<SandboxContainer> StartAsync(IDockerClient docker, CreateContainerParameters parameters, bool needsNetwork, CancellationToken ct)
    {
        string? network = null;
        string? id = null;
        try
        {
            if (needsNetwork)
            {
                network = $"catalyst-sandbox-{Guid.NewGuid():N}"[..29];
                await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
                {
                    Name = network, Driver = "bridge", CheckDuplicate = true,
                    Labels = new Dictionary<string, string> { [ContainerSandbox.SandboxLabel] = "true" },
                }, ct);
            }
            parameters.HostConfig.NetworkMode = network ?? "none";
            id = (await docker.Containers.CreateContainerAsync(parameters, ct)).ID;
            await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
            return new SandboxContainer(docker, id, network);
        }
        catch
        {
            await new SandboxContainer(docker, id ?? "", network).DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills it, keeping its output for <see cref="ReadOutputAsync"/>; one that just exited by itself is fine.</summary>
    public async Task KillAsync()
    {
        try { await docker.Containers.KillContainerAsync(Id, new ContainerKillParameters(), CancellationToken.None); }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound) { }
    }

    /// <summary>Everything it wrote so far, each stream on its own.</summary>
    public async Task<(string StandardOutput, string StandardError)> ReadOutputAsync(CancellationToken ct)
    {
        using var logs = await docker.Containers.GetContainerLogsAsync(Id, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, ct);
        return await logs.ReadOutputToEndAsync(ct);
    }

    /// <summary>Copies both streams into <paramref name="logFile"/> as they are written, until the container is gone.</summary>
    public async Task FollowOutputAsync(string logFile, CancellationToken ct)
    {
        await using var file = new FileStream(logFile, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
        using var logs = await docker.Containers.GetContainerLogsAsync(Id, tty: false,
            new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true }, ct);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await logs.ReadOutputAsync(buffer, 0, buffer.Length, ct);
            if (read.EOF) return;
            await file.WriteAsync(buffer.AsMemory(0, read.Count), ct);
            await file.FlushAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Id.Length > 0) await docker.RemoveContainerIfPresentAsync(Id, CancellationToken.None);
        if (network is not null) await docker.RemoveNetworkIfPresentAsync(network, CancellationToken.None);
    }
}
