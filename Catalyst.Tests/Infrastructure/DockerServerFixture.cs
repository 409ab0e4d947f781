using Docker.DotNet;

namespace Catalyst.Tests.Infrastructure;

/// <summary>One private Docker daemon for the test run, started on first use (with its base image imported, ~5 s).</summary>
public sealed class DockerServerFixture : IAsyncLifetime
{
    readonly SemaphoreSlim gate = new(1, 1);
    DockerServer? server;
    string? unavailable;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async Task<DockerServer> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (server is null && unavailable is null) await StartAsync();
        }
        finally { gate.Release(); }
        if (unavailable is not null) RequiredServer.Unavailable("Docker", unavailable);
        return server!;
    }

    async Task StartAsync()
    {
        if (!DockerServer.IsInstalled) { unavailable = $"{DockerServer.Daemon} was not found."; return; }
        if (!Environment.IsPrivilegedProcess) { unavailable = "dockerd needs root."; return; }
        var candidate = new DockerServer();
        try
        {
            await candidate.StartAsync(CancellationToken.None);
            server = candidate;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or DockerApiException or HttpRequestException)
        {
            await candidate.DisposeAsync();
            unavailable = e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }
}
