using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Messaging.DeadLetters;

public sealed record DeadLetterView(
    Guid EventId, string Consumer, Guid? TaskId, string EventType, string Error, int Attempts,
    DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt);

public enum ReplayOutcome { Replayed, NotFound, AlreadyReplayed }

/// <summary>Dead letters in PostgreSQL: recorded by the runner, listed and replayed through the API.</summary>
public sealed class DeadLetterStore(CatalystDbContext db, OutboxSignal outbox, TimeProvider time)
{
    internal static async Task RecordAsync(
        CatalystDbContext db, string consumer, Delivery delivery, string error, string? taskStatus, DateTimeOffset now, CancellationToken ct)
    {
        var e = delivery.Event;
        var existing = await db.DeadLetters.FirstOrDefaultAsync(d => d.Consumer == consumer && d.EventId == e.EventId, ct);
        if (existing is null)
        {
            existing = new DeadLetterEntity
            {
                EventId = e.EventId, Consumer = consumer, TaskId = e.TaskId, EventType = e.EventType,
                Body = EventSerializer.Serialize(e), Error = error,
            };
            db.DeadLetters.Add(existing);
        }
        // Only the trace context is kept: a replay starts counting attempts afresh.
        existing.Headers = System.Text.Json.JsonSerializer.Serialize(TracePropagation.TraceHeadersOf(delivery.Headers));
        existing.Error = error;
        existing.Attempts = delivery.Attempt;
        existing.TaskStatusBefore = taskStatus;
        existing.DeadLetteredAt = now;
        existing.ReplayedAt = null;
    }

    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(bool includeReplayed, CancellationToken ct) =>
        await db.DeadLetters.AsNoTracking()
            .Where(d => includeReplayed || d.ReplayedAt == null)
            .OrderByDescending(d => d.DeadLetteredAt)
            .Select(d => new DeadLetterView(d.EventId, d.Consumer, d.TaskId, d.EventType, d.Error, d.Attempts, d.DeadLetteredAt, d.ReplayedAt))
            .ToListAsync(ct);

    /// <summary>
    /// Sends the event again to the agent that gave up on it. A task that failed because of it is reopened in
    /// the state it had before, so the pipeline carries on from there.
    /// </summary>
    public async Task<ReplayOutcome> ReplayAsync(Guid eventId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locked, so two replays of the same letter cannot both send it.
        var letters = await db.DeadLetters.FromSql($"SELECT * FROM dead_letters WHERE event_id = {eventId} FOR UPDATE").ToListAsync(ct);
        if (letters.Count == 0) return ReplayOutcome.NotFound;
        var pending = letters.Where(d => d.ReplayedAt is null).ToList();
        if (pending.Count == 0) return ReplayOutcome.AlreadyReplayed;

        var now = time.GetUtcNow();
        foreach (var letter in pending)
        {
            letter.ReplayedAt = now;
            await ReopenTaskAsync(letter, now, ct);
            // Through the outbox, addressed to the one agent that gave up: sent once this commits, never lost.
            db.Outbox.Add(new OutboxMessageEntity
            {
                EventId = letter.EventId, EventType = letter.EventType, RoutingKey = EventTypes.RoutingKeyFor(letter.EventType),
                Body = letter.Body, Headers = letter.Headers, Consumer = letter.Consumer, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Notify();
        return ReplayOutcome.Replayed;
    }

    async Task ReopenTaskAsync(DeadLetterEntity letter, DateTimeOffset now, CancellationToken ct)
    {
        if (letter.TaskId is null || letter.TaskStatusBefore is null) return;
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == letter.TaskId, ct);
        if (task is null || task.Status != TaskState.Failed.ToWireName()) return;
        if (!TaskStateNames.TryParse(letter.TaskStatusBefore, out var before) || TaskStateMachine.IsTerminal(before)) return;
        // Reopening is the one move out of 'failed', and only a replay makes it.
        task.Status = before.ToWireName();
        task.FailureReason = null;
        task.CompletedAt = null;
        task.UpdatedAt = now;
    }
}
