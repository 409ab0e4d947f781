namespace Catalyst.Core.Persistence.Entities;

public sealed class LlmCallEntity
{
    public Guid Id { get; set; }
    public Guid? TaskId { get; set; }
    public required string Agent { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public decimal Cost { get; set; }
    public int LatencyMs { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
