namespace Catalyst.Core.Persistence.Entities;

public sealed class ProjectEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public string? RepoUrl { get; set; }
    public string? RepoPath { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
