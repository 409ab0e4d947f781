namespace Catalyst.Core.Persistence.Entities;

/// <summary>Marks an event as handled by one consumer, so a redelivery of it is a no-op.</summary>
public sealed class InboxMessageEntity
{
    public required string Consumer { get; set; }
    public Guid EventId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
