namespace Catalyst.Tests.Infrastructure;

/// <summary>One real RabbitMQ broker for the test run, started on first use (booting it costs seconds).</summary>
public sealed class RabbitMqServerFixture : IAsyncLifetime
{
    readonly SemaphoreSlim gate = new(1, 1);
    RabbitMqServer? server;
    string? unavailable;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async Task<RabbitMqServer> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (server is null && unavailable is null) await StartAsync();
        }
        finally { gate.Release(); }
        if (unavailable is not null) RequiredServer.Unavailable("RabbitMQ", unavailable);
        return server!;
    }

    async Task StartAsync()
    {
        if (!RabbitMqServer.IsInstalled) { unavailable = $"{RabbitMqServer.ServerScript} was not found."; return; }
        var candidate = new RabbitMqServer();
        try
        {
            await candidate.StartAsync(CancellationToken.None);
            server = candidate;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
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
