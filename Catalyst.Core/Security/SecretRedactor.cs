using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Catalyst.Core.Security;

/// <summary>
/// Masks credentials in text that leaves a step: event payloads, task log lines, failure reasons and problem
/// details. An exception message can quote a connection string and a tool's output can echo a token, and
/// both reach the user through the task's feed; these never should. Shape-based, so it needs no list of the
/// secrets and also catches ones Catalyst never knew (a token in a generated app's output).
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = PrivateKeyBlock().Replace(text, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
        foreach (var token in Tokens) text = token.Replace(text, Mask);
        text = Assignment().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        text = Quoted().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        text = Bearer().Replace(text, "Bearer " + Mask);
        return UrlPassword().Replace(text, Mask);
    }

    /// <summary>A copy of the JSON with every string value redacted.</summary>
    public static JsonObject Redact(JsonObject json) => (JsonObject)RedactNode(json)!;

    static JsonNode? RedactNode(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key,
            SecretName().IsMatch(p.Key) && p.Value is JsonValue ? JsonValue.Create(Mask) : RedactNode(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(RedactNode)]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Redact(s)),
        _ => node?.DeepClone(),
    };

    static readonly Regex[] Tokens =
        [SecretPatterns.AwsKey(), SecretPatterns.GitHubToken(), SecretPatterns.SlackToken(), SecretPatterns.ModelProviderKey()];

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyBlock();

    // Connection strings and query strings: Password=...; Key=...; api_key=...&
    [GeneratedRegex(@"(?i)\b(?<name>password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key|access[_-]?key|account[_-]?key|key)(?<sep>\s*=\s*)(?!\*\*\*)[^;&\s""',]+")]
    private static partial Regex Assignment();

    // JSON and quoted YAML: "password": "..." (an unquoted "password: string" is how a user describes a field)
    [GeneratedRegex(@"(?i)\b(?<name>password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key)(?<sep>[""']?\s*:\s*[""'])(?!\*\*\*)[^""']+")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?i)^(password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key|access[_-]?key|private[_-]?key)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)\bbearer\s+(?!\*\*\*)[A-Za-z0-9._~+/-]{8,}=*")]
    private static partial Regex Bearer();

    // scheme://user:password@host
    [GeneratedRegex(@"(?<=://[^/\s:@]+:)[^@\s/]+(?=@)")]
    private static partial Regex UrlPassword();
}
