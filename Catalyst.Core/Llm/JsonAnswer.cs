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
}
