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

    /// <summary>
    /// Two tries, each with fresh ports and folders: a port picked free can be taken by someone else's connection
    /// before a slow server binds it, and one lost race must not fail every test that shares the server.
    /// </summary>
    async Task StartAsync()
    {
        if ((unavailable = Missing()) is not null) return;
        var failures = new List<string>();
        for (var attempt = 1; attempt <= 2 && server is null; attempt++)
        {
            var candidate = Create();
            try
            {
                await StartAsync(candidate);
                server = candidate;
            }
            catch (Exception e) when (IsStartFailure(e))
            {
                await candidate.DisposeAsync();
                failures.Add($"attempt {attempt}: {e.Message}");
            }
        }
        if (server is null) unavailable = string.Join("\n", failures);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }
}
