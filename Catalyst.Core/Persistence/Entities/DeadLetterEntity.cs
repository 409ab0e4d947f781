namespace Catalyst.Core.Persistence.Entities;

public sealed class DeadLetterEntity
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public required string Consumer { get; set; }
    public Guid? TaskId { get; set; }
    public required string EventType { get; set; }
    public required string Body { get; set; }
    public string? Headers { get; set; }
    public required string Error { get; set; }
    public int Attempts { get; set; }
    public string? TaskStatusBefore { get; set; }
    public DateTimeOffset DeadLetteredAt { get; set; }
    public DateTimeOffset? ReplayedAt { get; set; }
}
