using Catalyst.Core.Events;

namespace Catalyst.Core.Messaging;

/// <summary>An event on its way to the bus: the serialised envelope plus transport headers (trace context).</summary>
public sealed record OutgoingEvent(Guid EventId, string EventType, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers)
{
    public string RoutingKey => EventTypes.RoutingKeyFor(EventType);
}
