using System.Diagnostics;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.DeadLetters;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Messaging;

/// <summary>
/// Runs one agent on one delivery, the same way for both buses: a span in the task's trace, the inbox claim,
/// the task's move into the agent's phase, the handler, and the commit of everything it did (state, logs,
/// outbox) in one transaction. On failure it decides between retry and dead letter.
/// </summary>
public sealed class AgentRunner(
    IServiceScopeFactory scopes,
    OutboxSignal outboxSignal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<AgentRunner> logger)
{
    public async Task<DeliveryResult> RunAsync(IAgent agent, Delivery delivery, CancellationToken ct)
    {
        var e = delivery.Event;
        using var activity = MessagingTelemetry.Agents.StartActivity(
            $"{agent.Name} {e.EventType}", ActivityKind.Consumer, TracePropagation.ParentFor(delivery.Headers, e.TraceId));
        activity?.SetTag("catalyst.task_id", e.TaskId).SetTag("catalyst.agent", agent.Name)
            .SetTag("catalyst.event_type", e.EventType).SetTag("catalyst.attempt", delivery.Attempt);
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
        if (!agent.Consumes.Contains(e.EventType) || !agent.Accepts(e)) return new(DeliveryOutcome.Skipped);
        try
        {
            return await HandleOnceAsync(agent, e, ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested)
        {
            logger.LogInformation(ex, "{Agent} stopped while handling {EventType} {EventId}; it will be delivered again", agent.Name, e.EventType, e.EventId);
            return new(DeliveryOutcome.Abandoned);
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
            await DeadLetterAsync(agent, delivery, error, CancellationToken.None);
            return new(DeliveryOutcome.DeadLettered, Error: error);
        }
    }

    async Task<DeliveryResult> HandleOnceAsync(IAgent agent, AgentEvent e, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // The inbox claim commits with the handler's work: handled-and-recorded, or neither.
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox (consumer, event_id, processed_at) VALUES ({agent.Name}, {e.EventId}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0) return new(DeliveryOutcome.Duplicate);

        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == e.TaskId, ct);
        if (task is null || TaskStateMachine.IsTerminal(TaskTransitions.StateOf(task)))
        {
            logger.LogInformation("{Agent} skips {EventType}: task {TaskId} is {Status}", agent.Name, e.EventType, e.TaskId, task?.Status ?? "unknown");
            await tx.CommitAsync(ct);
            return new(DeliveryOutcome.Skipped);
        }

        if (agent.Phase is { } phase && TaskTransitions.StateOf(task) != phase)
            TaskTransitions.Apply(task, phase, null, time.GetUtcNow());

        var context = new AgentContext(agent, e, task, db, time, scope.ServiceProvider);
        await agent.HandleAsync(context, e, ct);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (context.Emitted.Count > 0) outboxSignal.Notify();
        return new(DeliveryOutcome.Handled);
    }

    async Task DeadLetterAsync(IAgent agent, Delivery delivery, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var e = delivery.Event;
        var now = time.GetUtcNow();
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == e.TaskId, ct);

        await DeadLetterStore.RecordAsync(db, agent.Name, delivery, error, task?.Status, now, ct);
        if (task is not null && !TaskStateMachine.IsTerminal(TaskTransitions.StateOf(task)))
        {
            var reason = $"{agent.Name} failed on {e.EventType} after {delivery.Attempt} attempts: {error}";
            TaskTransitions.Apply(task, TaskState.Failed, reason, now);
            var failed = AgentEvent.Create(e.TraceId, e.TaskId, agent.Name, EventTypes.TaskFailed,
                new() { ["reason"] = reason, ["failed_event_id"] = e.EventId, ["agent"] = agent.Name }, now, e.Repo, e.Branch, e.Commit);
            EventRecorder.Record(db, failed, now, Activity.Current);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outboxSignal.Notify();
    }

    static string Describe(Exception ex)
    {
        var message = ex is DbUpdateConcurrencyException ? "the task was changed by someone else at the same time" : ex.Message;
        return $"{ex.GetType().Name}: {message}";
    }
}
