using System.Diagnostics;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.DeadLetters;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Messaging;

/// <summary>
/// Runs one agent on one delivery, the same way for both buses, in three steps:
/// <list type="number">
/// <item>a short transaction that drops redeliveries (inbox), skips events for finished tasks or stale events
/// the state machine refuses, and moves the task into the agent's phase, so the task shows what is happening;</item>
/// <item>the handler, with no transaction open (agents may work for minutes: builds, tests, models);</item>
/// <item>a short transaction that claims the event in the inbox and commits everything the handler did
/// (state, logs, outbox rows, enlisted effects) at once. A concurrent duplicate loses the inbox claim and
/// commits nothing.</item>
/// </list>
/// On failure it decides between retry and dead letter.
/// </summary>
public sealed class AgentRunner(
    IServiceScopeFactory scopes,
    OutboxSignal outboxSignal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<AgentRunner> logger)
{
    const int MaxErrorLength = 1000;

    public async Task<DeliveryResult> RunAsync(IAgent agent, Delivery delivery, CancellationToken ct)
    {
        var e = delivery.Event;
        using var activity = MessagingTelemetry.Agents.StartActivity(
            $"{agent.Name} {e.EventType}", ActivityKind.Consumer, TracePropagation.ParentFor(delivery.Headers, e.TraceId));
        activity?.SetTag("catalyst.task_id", e.TaskId).SetTag("catalyst.agent", agent.Name)
            .SetTag("catalyst.event_type", e.EventType).SetTag("catalyst.fix_round", e.FixRound).SetTag("catalyst.attempt", delivery.Attempt);
        var clock = Stopwatch.StartNew();

        var result = await RunCoreAsync(agent, delivery, ct);

        activity?.SetTag("catalyst.outcome", result.Outcome.ToString());
        if (result.Outcome is DeliveryOutcome.Retry or DeliveryOutcome.DeadLettered) activity?.SetStatus(ActivityStatusCode.Error, result.Error);
        MessagingTelemetry.Deliveries.Add(1, new("agent", agent.Name), new("outcome", result.Outcome.ToString()));
        MessagingTelemetry.HandleDuration.Record(clock.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("agent", agent.Name));
        return result;
    }

    async Task<DeliveryResult> RunCoreAsync(IAgent agent, Delivery delivery, CancellationToken ct)
    {
        var e = delivery.Event;
        if (!agent.Consumes.Contains(e.EventType) || !EventTopology.IsFor(agent.Name, e)) return new(DeliveryOutcome.Skipped);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
            var (skipped, task) = await BeginAsync(db, agent, e, ct);
            return skipped ?? await HandleAsync(scope.ServiceProvider, db, task!, agent, e, ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested)
        {
            logger.LogInformation(ex, "{Agent} stopped while handling {EventType} {EventId}; it will be delivered again", agent.Name, e.EventType, e.EventId);
            return new(DeliveryOutcome.Abandoned);
        }
        catch (Exception ex) when (DatabaseOutage.IsOutage(ex))
        {
            // The database's supervisor (or the operator) reports the outage once; per delivery it is only a debug line.
            logger.LogDebug(ex, "{Agent} waits for the database to handle {EventType} for task {TaskId}", agent.Name, e.EventType, e.TaskId);
            return new(DeliveryOutcome.Postponed, options.Value.RetryBaseDelay, Describe(ex));
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            if (delivery.Attempt <= options.Value.MaxRetries)
            {
                var delay = options.Value.RetryDelay(delivery.Attempt);
                logger.LogWarning(ex, "{Agent} failed on {EventType} for task {TaskId} (attempt {Attempt}); retrying in {Delay}",
                    agent.Name, e.EventType, e.TaskId, delivery.Attempt, delay);
                return new(DeliveryOutcome.Retry, delay, error);
            }
            logger.LogError(ex, "{Agent} failed on {EventType} for task {TaskId} after {Attempts} attempts; dead-lettering it",
                agent.Name, e.EventType, e.TaskId, delivery.Attempt);
            return await DeadLetterAsync(agent, delivery, error);
        }
    }

    /// <summary>Step 1: a result when the event needs no handling, else the task (tracked, in its new phase).</summary>
    async Task<(DeliveryResult? Skipped, TaskEntity? Task)> BeginAsync(CatalystDbContext db, IAgent agent, AgentEvent e, CancellationToken ct)
    {
        // No explicit transaction: each write below is a single statement, and the task row's xmin guards the move.
        // One round trip: the task, and whether this agent already handled the event.
        var found = await db.Tasks.Where(t => t.Id == e.TaskId)
            .Select(t => new { Task = t, Handled = db.Inbox.Any(i => i.Consumer == agent.Name && i.EventId == e.EventId) })
            .FirstOrDefaultAsync(ct);
        if (found?.Handled == true) return (new(DeliveryOutcome.Duplicate), null);
        var task = found?.Task;
        var state = task is null ? (TaskState?)null : TaskTransitions.StateOf(task);
        string? skipBecause = state switch
        {
            null => "its task does not exist",
            { } s when TaskStateMachine.IsTerminal(s) => $"its task is {s.ToWireName()}",
            { } s when agent.Phase is { } phase && s != phase && !TaskStateMachine.CanTransition(s, phase) =>
                $"its task is {s.ToWireName()}, which cannot move to {phase.ToWireName()} (a stale or out-of-order event)",
            _ => null,
        };
        if (skipBecause is not null)
        {
            logger.LogInformation("{Agent} skips {EventType} {EventId}: {Reason}", agent.Name, e.EventType, e.EventId, skipBecause);
            db.Inbox.Add(new InboxMessageEntity { Consumer = agent.Name, EventId = e.EventId, ProcessedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(ct);
            return (new(DeliveryOutcome.Skipped), null);
        }

        if (agent.Phase is { } next && state != next)
        {
            TaskTransitions.Apply(task!, next, null, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        return (null, task);
    }

    /// <summary>Steps 2 and 3: the handler, then one commit of everything it did.</summary>
    async Task<DeliveryResult> HandleAsync(
        IServiceProvider services, CatalystDbContext db, TaskEntity task, IAgent agent, AgentEvent e, CancellationToken ct)
    {
        var context = new AgentContext(agent, e, task, db, time, services);

        using (var cancelled = CancellationTokenSource.CreateLinkedTokenSource(ct))
        using (var watching = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var watch = CancelWhenTaskCancelledAsync(e.TaskId, cancelled, watching.Token);
            try
            {
                await agent.HandleAsync(context, e, cancelled.Token);
            }
            catch (Exception ex) when (cancelled.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The task was cancelled while its handler ran: its processes are killed (the token reaches them),
                // nothing it did is committed, and the event is done with rather than delivered again.
                logger.LogInformation(ex, "{Agent} stopped {EventType} {EventId}: task {TaskId} was cancelled", agent.Name, e.EventType, e.EventId, e.TaskId);
                db.ChangeTracker.Clear();
                db.Inbox.Add(new InboxMessageEntity { Consumer = agent.Name, EventId = e.EventId, ProcessedAt = time.GetUtcNow() });
                await db.SaveChangesAsync(ct);
                return new(DeliveryOutcome.Skipped);
            }
            finally
            {
                await watching.CancelAsync();
                await watch;
            }
            if (cancelled.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The handler finished as the cancellation came in: the cancelled task gets none of its results.
                db.ChangeTracker.Clear();
                db.Inbox.Add(new InboxMessageEntity { Consumer = agent.Name, EventId = e.EventId, ProcessedAt = time.GetUtcNow() });
                await db.SaveChangesAsync(ct);
                return new(DeliveryOutcome.Skipped);
            }
        }

        // The inbox row is saved with everything else; if a concurrent delivery of the same event committed
        // first, its primary key refuses this one and the whole step rolls back.
        db.Inbox.Add(new InboxMessageEntity { Consumer = agent.Name, EventId = e.EventId, ProcessedAt = time.GetUtcNow() });
        try
        {
            if (context.Effects.Count == 0) await db.SaveChangesAsync(ct); // one implicit transaction
            else await SaveWithEffectsAsync(db, context, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, TableName: "inbox" })
        {
            return new(DeliveryOutcome.Duplicate);
        }
        if (context.Emitted.Count > 0) outboxSignal.Notify();
        return new(DeliveryOutcome.Handled);
    }

    /// <summary>Polls the task's status (its own connection: the handler's is not shared) and cancels <paramref name="handler"/> once it is cancelled.</summary>
    async Task CancelWhenTaskCancelledAsync(Guid taskId, CancellationTokenSource handler, CancellationToken stop)
    {
        var cancelled = TaskState.Cancelled.ToWireName();
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.CancellationPollInterval, time, stop);
                await using var scope = scopes.CreateAsyncScope();
                var status = await scope.ServiceProvider.GetRequiredService<CatalystDbContext>().Tasks.AsNoTracking()
                    .Where(t => t.Id == taskId).Select(t => t.Status).FirstOrDefaultAsync(stop);
                if (status != cancelled) continue;
                await handler.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // Without the database no cancellation can be read; the handler goes on, and the next event of the task is skipped as before.
            logger.LogDebug(ex, "Stopped watching task {TaskId} for a cancellation", taskId);
        }
    }

    static async Task SaveWithEffectsAsync(CatalystDbContext db, AgentContext context, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var effect in context.Effects) await effect(db, ct);
        await tx.CommitAsync(ct);
    }

    async Task<DeliveryResult> DeadLetterAsync(IAgent agent, Delivery delivery, string error)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var e = delivery.Event;
            var now = time.GetUtcNow();
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == e.TaskId);

            await DeadLetterStore.RecordAsync(db, agent.Name, delivery, error, task?.Status, now, CancellationToken.None);
            if (task is not null && !TaskStateMachine.IsTerminal(TaskTransitions.StateOf(task)))
            {
                var reason = $"{agent.Name} failed on {e.EventType} after {delivery.Attempt} attempts: {error}";
                TaskTransitions.Apply(task, TaskState.Failed, reason, now);
                var failed = AgentEvent.Create(e.TraceId, e.TaskId, agent.Name, EventTypes.TaskFailed,
                    new() { ["reason"] = reason, ["failed_event_id"] = e.EventId, ["agent"] = agent.Name }, now, e.Repo, e.Branch, e.Commit);
                EventRecorder.Record(db, failed, now, Activity.Current);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            outboxSignal.Notify();
            return new(DeliveryOutcome.DeadLettered, Error: error);
        }
        catch (Exception ex)
        {
            // Recording the failure failed (database away, a concurrent change): keep the event and try later,
            // still as a last attempt.
            logger.LogError(ex, "Could not dead-letter {EventType} {EventId} for {Agent}; will try again", delivery.Event.EventType, delivery.Event.EventId, agent.Name);
            return new(DeliveryOutcome.Retry, options.Value.RetryDelay(Math.Max(1, options.Value.MaxRetries)), error);
        }
    }

    static string Describe(Exception ex)
    {
        var message = ex is DbUpdateConcurrencyException ? "the task was changed by someone else at the same time" : ex.Message;
        var text = $"{ex.GetType().Name}: {message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
    }
}
