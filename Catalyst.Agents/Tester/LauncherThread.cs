using System.Collections.Concurrent;

namespace Catalyst.Agents.Tester;

/// <summary>
/// One thread that lives as long as Catalyst and starts every sandboxed run that must die with it. bwrap's
/// --die-with-parent is PR_SET_PDEATHSIG, which fires when the forking <i>thread</i> ends: forked from a pool
/// thread, a run would be killed whenever the pool retired that thread.
/// </summary>
public static class LauncherThread
{
    static readonly BlockingCollection<Action> work = [];

    static LauncherThread()
    {
        new Thread(() => { foreach (var item in work.GetConsumingEnumerable()) item(); }) { IsBackground = true, Name = "sandbox-launcher" }.Start();
    }

    /// <summary>Runs <paramref name="start"/> on the launcher thread (its synchronous part, where the process is forked) and returns what it returns.</summary>
    public static Task<T> Run<T>(Func<T> start)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(() =>
        {
            try { done.SetResult(start()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }
}
