namespace Catalyst.Core.Persistence.Entities;

public sealed class GeneratedProjectEntity
{
    public Guid Id { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? TaskId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Architecture { get; set; }
    public string? Files { get; set; }
    public string? GitRepoPath { get; set; }
    public string? GitCommit { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
