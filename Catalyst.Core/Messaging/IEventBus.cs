namespace Catalyst.Core.Messaging;

/// <summary>
/// The transport between agents: in-process channels (embedded) or RabbitMQ (distributed). Only the outbox
/// dispatcher and the dead-letter replay publish; agents emit through their context.
/// </summary>
public interface IEventBus
{
    /// <summary>Publishes to every queue bound to the event's type (confirmed by the broker before returning).</summary>
    Task PublishAsync(OutgoingEvent message, CancellationToken ct);

    /// <summary>Delivers to one agent's queue only: how a dead letter is replayed without waking other agents.</summary>
    Task SendToAgentAsync(string agent, OutgoingEvent message, CancellationToken ct);

    /// <summary>Messages waiting in each agent's queue, by queue name.</summary>
    Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken ct);
}

/// <summary>
/// The transport is away (broker restarting, connection lost): no fault of the message, so the outbox keeps
/// it without counting the attempt against it.
/// </summary>
public sealed class EventBusUnavailableException(string message, Exception inner) : Exception(message, inner);
