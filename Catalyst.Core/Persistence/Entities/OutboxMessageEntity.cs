namespace Catalyst.Core.Persistence.Entities;

/// <summary>An event saved in the same transaction as the state change that caused it, waiting to be published.</summary>
public sealed class OutboxMessageEntity
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public required string RoutingKey { get; set; }
    public required string Body { get; set; }
    public string? Headers { get; set; }

    /// <summary>Set when the event goes to one agent's queue only (a replay), null for normal routing.</summary>
    public string? Consumer { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
