namespace Catalyst.Core.Persistence.Entities;

public sealed class TaskEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid TraceId { get; set; }
    public required string UserPrompt { get; set; }
    public required string Status { get; set; }
    public string? CurrentPhase { get; set; }
    public string? BranchName { get; set; }
    public string? CommitSha { get; set; }
    public string? PreviewUrl { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public decimal CostTotal { get; set; }
    public string? Metadata { get; set; }

    /// <summary>PostgreSQL's xmin, used as an optimistic concurrency token so two agents cannot both move a task.</summary>
    public uint Version { get; set; }

    public ProjectEntity? Project { get; set; }
}
