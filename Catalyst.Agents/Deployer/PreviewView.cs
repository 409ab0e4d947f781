using Catalyst.Core.Persistence.Entities;

namespace Catalyst.Agents.Deployer;

/// <summary>A preview as the API shows it.</summary>
public sealed record PreviewView(
    Guid TaskId,
    string? Name,
    string Mode,
    string? Status,
    string? Health,
    string? HealthDetail,
    string PreviewUrl,
    string? DirectUrl,
    string? CleanUrl,
    int? Port,
    string? ContainerId,
    string? Network,
    string? Image,
    string? CommitSha,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastHealthCheck,
    DateTimeOffset? StoppedAt)
{
    public static PreviewView From(PreviewDeploymentEntity p) => new(
        p.TaskId, p.Name, p.Mode, p.Status, p.Health, p.HealthDetail, p.Url, p.DirectUrl, p.CleanUrl, p.Port, p.ContainerId, p.Network, p.Image,
        p.CommitSha, p.FailureReason, p.CreatedAt, p.ExpiresAt, p.LastHealthCheck, p.StoppedAt);
}
