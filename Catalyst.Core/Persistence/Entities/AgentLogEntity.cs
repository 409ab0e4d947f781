namespace Catalyst.Core.Persistence.Entities;

public sealed class AgentLogEntity
{
    public Guid Id { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? TraceId { get; set; }
    public required string AgentName { get; set; }
    public required string Message { get; set; }
    public required string Level { get; set; }
    public string? Data { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}
