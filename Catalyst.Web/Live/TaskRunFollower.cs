using Catalyst.Core.Tasks.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Web.Live;

/// <summary>
/// Follows a task's live feed (<see cref="TaskFeed"/>, the record in PostgreSQL woken by live events) inside the
/// circuit and folds each message into its <see cref="TaskRun"/>; the page re-renders on each. No polling: the feed
/// waits for the task's next event. When the feed breaks (the database restarting) it resumes after the last message.
/// Every change to the run is handed to <c>apply</c>, which runs it on the component's dispatcher (its
/// <c>InvokeAsync</c>) and re-renders, so a render never sees the run half-changed.
/// </summary>
public sealed partial class TaskRunFollower(ScopedWork work, TimeProvider time, ILogger<TaskRunFollower> logger)
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public async Task FollowAsync(TaskRun run, Func<Action, Task> apply, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !run.IsFinished)
        {
            try
            {
                await using var scope = work.Open();
                var feed = scope.ServiceProvider.GetRequiredService<TaskFeed>();
                await foreach (var message in feed.FollowAsync(run.TaskId, run.Position, ct))
                {
                    await apply(() =>
                    {
                        run.Apply(message);
                        run.FeedProblem = null;
                    });
                }
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                LogFeedBroken(logger, ex, run.TaskId);
                await apply(() => run.FeedProblem = "The live progress is interrupted; reconnecting…");
                try { await Task.Delay(RetryDelay, time, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The UI lost the live feed of task {TaskId}; resuming")]
    static partial void LogFeedBroken(ILogger logger, Exception exception, Guid taskId);
}
