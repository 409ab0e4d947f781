using System.Text.RegularExpressions;

namespace Catalyst.Core.Security;

/// <summary>The shapes of well-known credentials, shared by the Tester's secret scan and the redaction of what Catalyst says.</summary>
public static partial class SecretPatterns
{
    [GeneratedRegex(@"-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----")] public static partial Regex PrivateKey();
    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")] public static partial Regex AwsKey();
    [GeneratedRegex(@"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b")] public static partial Regex GitHubToken();
    [GeneratedRegex(@"\bxox[baprs]-[A-Za-z0-9-]{10,}\b")] public static partial Regex SlackToken();
    [GeneratedRegex(@"\bsk-(proj-|ant-)?[A-Za-z0-9_-]{20,}\b")] public static partial Regex ModelProviderKey();
}
