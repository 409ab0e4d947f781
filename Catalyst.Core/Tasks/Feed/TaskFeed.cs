using System.Runtime.CompilerServices;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Live;
using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Tasks.Feed;

/// <summary>
/// A task's live feed, read from the audit trail in PostgreSQL: the record decides what a client gets, and the
/// live events this process sees (from the in-memory bus, or its own RabbitMQ queue in distributed mode) only
/// say when to look again. So a reconnecting client, on any Api instance and after any restart, resumes from
/// its position and receives each message once, in order.
/// </summary>
public sealed class TaskFeed(CatalystDbContext db, LiveEventFeed live, TimeProvider time)
{
    const int BatchSize = 200;

    /// <summary>How long a quiet feed waits before it checks the record anyway (a live event can be dropped).</summary>
    static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    /// <summary>The messages after <paramref name="after"/> recorded so far, in order (at most one batch of events).</summary>
    public async Task<IReadOnlyList<TaskFeedMessage>> ReadAfterAsync(Guid taskId, TaskFeedPosition after, CancellationToken ct)
    {
        var rows = await db.AgentEvents.AsNoTracking()
            .Where(e => e.TaskId == taskId && e.Id >= after.Row)
            .OrderBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        return [.. rows.SelectMany(row => TaskFeedTranslator.Translate(EventQueries.ToEnvelope(row), row.Id)).Where(m => after.IsBefore(m.Position))];
    }

    /// <summary>Every message after <paramref name="after"/>, then each new one as it is recorded, until the task ends.</summary>
    public async IAsyncEnumerable<TaskFeedMessage> FollowAsync(Guid taskId, TaskFeedPosition after, [EnumeratorCancellation] CancellationToken ct)
    {
        // Subscribed before the first read, so an event recorded in between still rings.
        using var doorbell = live.Subscribe(taskId);
        while (true)
        {
            var batch = await ReadAfterAsync(taskId, after, ct);
            foreach (var message in batch)
            {
                yield return message;
                after = message.Position;
                if (message.Type == TaskFeedMessage.TaskComplete) yield break;
            }
            if (batch.Count > 0) continue;
            if (await IsFinishedAsync(taskId, ct)) yield break;
            await doorbell.WaitAsync(Recheck, ct);
        }
    }

    /// <summary>The task's progress now, or null when there is no such task.</summary>
    public async Task<TaskProgressView?> ProgressAsync(Guid taskId, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return null;
        var rows = await db.AgentEvents.AsNoTracking().Where(e => e.TaskId == taskId).OrderBy(e => e.Id).ToListAsync(ct);
        return TaskProgressView.From(task, [.. rows.Select(EventQueries.ToEnvelope)], time.GetUtcNow());
    }

    async Task<bool> IsFinishedAsync(Guid taskId, CancellationToken ct)
    {
        var status = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.Status).FirstOrDefaultAsync(ct);
        return status is null || TaskStateMachine.IsTerminal(TaskStateNames.Parse(status));
    }
}
