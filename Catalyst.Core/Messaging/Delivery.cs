using Catalyst.Core.Events;

namespace Catalyst.Core.Messaging;

/// <summary>One delivery of an event to one agent. <see cref="Attempt"/> counts from 1.</summary>
public sealed record Delivery(AgentEvent Event, IReadOnlyDictionary<string, string> Headers, int Attempt);

public enum DeliveryOutcome
{
    /// <summary>The handler ran and its unit of work committed.</summary>
    Handled,
    /// <summary>Already handled by this agent before (a redelivery): nothing was done.</summary>
    Duplicate,
    /// <summary>Not for this agent, or its task is already finished.</summary>
    Skipped,
    /// <summary>The handler failed; deliver again after <see cref="DeliveryResult.RetryAfter"/>.</summary>
    Retry,
    /// <summary>
    /// The database server was not there (<see cref="Persistence.DatabaseOutage"/>): nothing committed; deliver
    /// again after <see cref="DeliveryResult.RetryAfter"/> without counting an attempt, however long the outage.
    /// </summary>
    Postponed,
    /// <summary>The handler failed for the last time: recorded as a dead letter, the task failed.</summary>
    DeadLettered,
    /// <summary>The host is stopping: nothing committed, hand the event back.</summary>
    Abandoned,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, TimeSpan RetryAfter = default, string? Error = null);
