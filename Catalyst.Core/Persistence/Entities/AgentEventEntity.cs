namespace Catalyst.Core.Persistence.Entities;

/// <summary>One row of the audit trail: every event, exactly once (unique on <see cref="EventId"/>).</summary>
public sealed class AgentEventEntity
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public Guid TraceId { get; set; }
    public Guid? TaskId { get; set; }
    public required string Actor { get; set; }
    public required string EventType { get; set; }
    public string Repo { get; set; } = "";
    public string Branch { get; set; } = "";
    public string Commit { get; set; } = "";
    public string? Payload { get; set; }
    public string? Metadata { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
