using System.Text.RegularExpressions;
using Catalyst.Core.Security;

namespace Catalyst.Agents.Tester;

public sealed record SecretFinding(string File, int Line, string Rule, string Severity, string Message);

/// <summary>
/// Looks through a source tree for committed secrets: private keys, cloud and service tokens, and passwords
/// or keys written into configuration. Findings never include the secret itself.
/// </summary>
public static partial class SecretScanner
{
    sealed record Rule(string Name, string Severity, Regex Pattern, string Message);

    static readonly Rule[] Rules =
    [
        new("private-key", "critical", SecretPatterns.PrivateKey(), "A private key is committed."),
        new("aws-access-key", "critical", SecretPatterns.AwsKey(), "An AWS access key id is committed."),
        new("github-token", "critical", SecretPatterns.GitHubToken(), "A GitHub token is committed."),
        new("slack-token", "critical", SecretPatterns.SlackToken(), "A Slack token is committed."),
        new("openai-key", "critical", SecretPatterns.ModelProviderKey(), "An API key for a model provider is committed."),
        new("password-in-config", "high", PasswordAssignment(), "A password or secret key is set to a literal value."),
        new("connection-string-password", "high", ConnectionStringPassword(), "A connection string carries a password."),
    ];

    static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj", "TestResults", "data", ".sandbox", TestSteps.ResultsFolder,
    };
    static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase) { "changeme", "change-me", "password", "secret", "example", "xxx", "your-password", "<password>", "correct horse battery" };
    const long MaxFileBytes = 1_000_000;

    public static IReadOnlyList<SecretFinding> Scan(string root)
    {
        var findings = new List<SecretFinding>();
        foreach (var file in Files(root))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var rule in Rules)
                {
                    var match = rule.Pattern.Match(lines[i]);
                    if (!match.Success || IsPlaceholder(match)) continue;
                    findings.Add(new SecretFinding(relative, i + 1, rule.Name, rule.Severity, rule.Message));
                    break;
                }
            }
        }
        return findings;
    }

    static bool IsPlaceholder(Match match) =>
        match.Groups["value"] is { Success: true } value && (Placeholders.Contains(value.Value) || value.Value.StartsWith("${", StringComparison.Ordinal));

    static IEnumerable<string> Files(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
                if (!SkippedFolders.Contains(Path.GetFileName(sub)) && !new DirectoryInfo(sub).Attributes.HasFlag(FileAttributes.ReparsePoint))
                    pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(dir))
                // Zero length also covers FIFOs and sockets, which would block a read forever.
                if (new FileInfo(file) is { Length: > 0 and <= MaxFileBytes } info && !info.Attributes.HasFlag(FileAttributes.ReparsePoint) && IsText(file))
                    yield return file;
        }
    }

    static bool IsText(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[Math.Min(4096, stream.Length)];
        var read = stream.Read(buffer);
        return !buffer.AsSpan(0, read).Contains((byte)0);
    }

    [GeneratedRegex(@"(?i)\b(password|passwd|pwd|secret|api[_-]?key|client[_-]?secret|access[_-]?token)\b[""']?\s*[:=]\s*[""'](?<value>[^""'\s]{6,})[""']")] private static partial Regex PasswordAssignment();
    [GeneratedRegex(@"(?i)\b(password|pwd)=(?<value>[^;""'\s]{4,})")] private static partial Regex ConnectionStringPassword();
}
