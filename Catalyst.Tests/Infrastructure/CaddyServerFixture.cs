namespace Catalyst.Tests.Infrastructure;

/// <summary>One Caddy for the test run, started on first use.</summary>
public sealed class CaddyServerFixture : IAsyncLifetime
{
    readonly SemaphoreSlim gate = new(1, 1);
    CaddyServer? server;
    string? unavailable;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async Task<CaddyServer> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (server is null && unavailable is null) await StartAsync();
        }
        finally { gate.Release(); }
        if (unavailable is not null) RequiredServer.Unavailable("Caddy", unavailable);
        return server!;
    }

    async Task StartAsync()
    {
        if (!CaddyServer.IsInstalled) { unavailable = $"{CaddyServer.Binary} was not found."; return; }
        var candidate = new CaddyServer();
        try
        {
            await candidate.StartAsync(CancellationToken.None);
            server = candidate;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
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
