namespace Catalyst.Core.Persistence.Entities;

/// <summary>One model call: who made it for which task, what it used and cost, and how it ended.</summary>
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

    /// <summary>Answered from the cache: no model was called, and it cost nothing.</summary>
    public bool CacheHit { get; set; }
    public string? Error { get; set; }
    public string Outcome { get; set; } = LlmOutcomes.Ok;
    public DateTimeOffset CreatedAt { get; set; }
}

public static class LlmOutcomes
{
    public const string Ok = "ok";
    public const string Invalid = "invalid";
    public const string Timeout = "timeout";
    public const string Error = "error";
}
