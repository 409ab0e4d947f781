namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// One real server of a kind for the whole test run, started on first use (booting one costs seconds) and
/// stopped at the end. When it cannot start, every test that asks for it fails in CI and is skipped elsewhere,
/// with the reason (<see cref="RequiredServer"/>).
/// </summary>
public abstract class SharedServerFixture<TServer>(string serverName) : IAsyncLifetime where TServer : class, IAsyncDisposable
{
    readonly SemaphoreSlim gate = new(1, 1);
    TServer? server;
    string? unavailable;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async Task<TServer> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (server is null && unavailable is null) await StartAsync();
        }
        finally { gate.Release(); }
        if (unavailable is not null) RequiredServer.Unavailable(serverName, unavailable);
        return server!;
    }

    /// <summary>Why the server cannot run on this machine at all (not installed, no root), or null.</summary>
    protected abstract string? Missing();

    protected abstract TServer Create();

    protected abstract Task StartAsync(TServer candidate);

    /// <summary>The failures that mean "this server cannot start here", as opposed to a bug in the test.</summary>
    protected virtual bool IsStartFailure(Exception e) => e is InvalidOperationException or TimeoutException or IOException or HttpRequestException;

    async Task StartAsync()
    {
        if ((unavailable = Missing()) is not null) return;
        var candidate = Create();
        try
        {
            await StartAsync(candidate);
            server = candidate;
        }
        catch (Exception e) when (IsStartFailure(e))
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
