namespace Catalyst.Core.Persistence.Entities;

public sealed class PreviewDeploymentEntity
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public required string Url { get; set; }
    public string? ContainerId { get; set; }
    public string? Status { get; set; }
    public string? HealthCheckUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastHealthCheck { get; set; }
}
