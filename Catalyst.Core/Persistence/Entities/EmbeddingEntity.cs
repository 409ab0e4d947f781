namespace Catalyst.Core.Persistence.Entities;

public sealed class EmbeddingEntity
{
    public Guid Id { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? TaskId { get; set; }
    public required string Kind { get; set; }
    public required string Content { get; set; }
    public float[] Vector { get; set; } = [];
    public string? Metadata { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
