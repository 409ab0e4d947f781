using Microsoft.Extensions.AI;

namespace Catalyst.Core.Llm;

/// <summary>A model's answer that was asked to be JSON.</summary>
public static class JsonAnswer
{
    /// <summary>The JSON inside a Markdown fence: some models wrap JSON in one even when asked for JSON only.</summary>
    public static string StripFence(string answer)
    {
        var text = answer.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        var start = text.IndexOf('\n');
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start >= 0 && end > start ? text[(start + 1)..end] : text;
    }

    /// <summary>
    /// Why the model declined to answer in the schema, or null. OpenAI sends a refusal instead of content; the
    /// adapter hands it on as an error content with the code "Refusal". It is handled like an invalid answer.
    /// </summary>
    public static string? Refusal(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>().FirstOrDefault(e => e.ErrorCode == "Refusal") is { } refusal
            ? $"The model refused to answer: {refusal.Message}"
            : null;
}
