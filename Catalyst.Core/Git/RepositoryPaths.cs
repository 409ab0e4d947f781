namespace Catalyst.Core.Git;

/// <summary>
/// Confines paths that come from outside (users, generators, models) to a root folder: relative only, no
/// "..", never into .git, normalised to forward slashes.
/// </summary>
public static class RepositoryPaths
{
    public static string Normalize(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath)) throw new UnsafePathException(relativePath, "it is empty");
        var path = relativePath.Replace('\\', '/');
        if (path.StartsWith('/') || Path.IsPathRooted(path)) throw new UnsafePathException(relativePath, "it is absolute");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (segment is "." or "..") throw new UnsafePathException(relativePath, "it leaves its folder");
            if (segment.Equals(".git", StringComparison.OrdinalIgnoreCase)) throw new UnsafePathException(relativePath, "it writes into .git");
            if (segment.IndexOfAny(['\0', ':']) >= 0) throw new UnsafePathException(relativePath, "it has a forbidden character");
        }
        return string.Join('/', segments);
    }

    /// <summary>The absolute path of <paramref name="relativePath"/> under <paramref name="root"/>, proven to stay inside it.</summary>
    public static string Resolve(string root, string relativePath)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, Normalize(relativePath)));
        if (!full.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafePathException(relativePath, "it resolves outside its folder");
        return full;
    }
}

public sealed class UnsafePathException(string path, string reason)
    : ArgumentException($"The path '{path}' is refused: {reason}.");
