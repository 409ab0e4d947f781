using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Web.Live;

/// <summary>
/// A circuit lives for as long as its tab is open and runs several things at once (a feed being followed, a message
/// being sent), while the repositories share one DbContext per scope. So each piece of UI work gets its own scope.
/// </summary>
public sealed class ScopedWork(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A scope that lasts as long as the caller holds it: for a feed that is followed until the task ends.</summary>
    public AsyncServiceScope Open() => scopes.CreateAsyncScope();
}
