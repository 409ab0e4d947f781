using Catalyst.Core.Explorer;

namespace Catalyst.Api.Explorer;

/// <summary>What kind of scan a target named in the chat asks for, and the target as a scanner reads it.</summary>
public static class ScanTargets
{
    static readonly string[] CodeHosts = ["github.com", "gitlab.com", "bitbucket.org", "codeberg.org"];

    /// <summary>
    /// A database for connection strings, a repository for code hosts, git URLs, local paths and project names,
    /// a deployment for any other web address.
    /// </summary>
    public static string TypeOf(string target)
    {
        var t = target.Trim();
        if (t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || t.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return ScanTypes.Database;
        var normalized = Normalize(t);
        if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && !CodeHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase) && !uri.AbsolutePath.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            return ScanTypes.Deployment;
        return ScanTypes.Repository;
    }

    /// <summary>"github.com/user/blog" is https://github.com/user/blog; anything else is left as written.</summary>
    public static string Normalize(string target)
    {
        var t = target.Trim();
        return !t.Contains("://", StringComparison.Ordinal) && !Path.IsPathRooted(t) && t.Contains('/') && t.Split('/')[0].Contains('.')
            ? "https://" + t : t;
    }
}
