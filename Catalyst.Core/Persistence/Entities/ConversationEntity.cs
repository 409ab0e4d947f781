namespace Catalyst.Core.Persistence.Entities;

public sealed class ConversationEntity
{
    public Guid Id { get; set; }
    public string? UserId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Title { get; set; }
    public string? Context { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ConversationMessageEntity> Messages { get; set; } = [];
}

public sealed class ConversationMessageEntity
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public required string Role { get; set; }
    public required string Content { get; set; }
    public Guid? TaskId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
