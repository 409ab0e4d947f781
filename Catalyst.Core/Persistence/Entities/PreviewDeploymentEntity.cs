namespace Catalyst.Core.Persistence.Entities;

/// <summary>A task's preview (one per task): where it runs, how to reach it, and how it is doing.</summary>
public sealed class PreviewDeploymentEntity
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }

    /// <summary>The preview URL: the clean URL when a proxy routes it, else the direct one.</summary>
    public required string Url { get; set; }

    /// <summary>The runtime's id: a container id, or "pid:start-time" for a process.</summary>
    public string? ContainerId { get; set; }
    public string? Status { get; set; }
    public string? HealthCheckUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastHealthCheck { get; set; }
    public string Mode { get; set; } = "process";
    public string? Stack { get; set; }
    public string? Name { get; set; }
    public int? Port { get; set; }
    public string? DirectUrl { get; set; }
    public string? CleanUrl { get; set; }
    public string? Network { get; set; }
    public string? Image { get; set; }
    public string? CommitSha { get; set; }
    public string? Health { get; set; }
    public string? HealthDetail { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
}
