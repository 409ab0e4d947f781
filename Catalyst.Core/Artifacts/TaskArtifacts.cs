using Catalyst.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Artifacts;

/// <summary>One file under a task's artifact root, named by its path relative to that root.</summary>
public sealed record ArtifactFile(string Path, long Size, DateTimeOffset Modified);

/// <summary>
/// What the agents wrote for a task under {DataRoot}/artifacts/{task}: test results, the review, deployment
/// records, screenshots. Every read is confined to that folder: a path that climbs out, is absolute, holds a NUL
/// or passes through a link that leads out is refused. The Tester's workspace is a build folder (its source is
/// in the repository), so it is neither listed nor served.
/// </summary>
public sealed class TaskArtifacts(IOptions<CatalystOptions> catalyst)
{
    public const string WorkspaceFolder = "workspace";

    public string RootFor(Guid taskId) => catalyst.Value.ArtifactsFor(taskId);

    /// <summary>The task's artifact files, by path; none when the task has written none yet.</summary>
    public IReadOnlyList<ArtifactFile> List(Guid taskId)
    {
        var root = new DirectoryInfo(RootFor(taskId));
        if (!root.Exists) return [];
        var files = new List<ArtifactFile>();
        Walk(root, "");
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];

        void Walk(DirectoryInfo folder, string prefix)
        {
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                var path = prefix + entry.Name;
                // Links are left out of the listing: one that stays inside lists its target where it really is.
                if (entry.LinkTarget is not null || path == WorkspaceFolder) continue;
                if (entry is DirectoryInfo child) Walk(child, path + "/");
                else if (entry is FileInfo file) files.Add(new ArtifactFile(path, file.Length, file.LastWriteTimeUtc));
            }
        }
    }

    /// <summary>The file at <paramref name="path"/> under the task's root, or null when there is none.</summary>
    /// <exception cref="ArtifactPathException">The path is not one that may be served.</exception>
    public FileInfo? Find(Guid taskId, string path)
    {
        var segments = Segments(path);
        var root = Path.GetFullPath(RootFor(taskId));
        if (!Directory.Exists(root)) return null;
        var realRoot = RealPath(root);
        var current = root;
        foreach (var segment in segments)
        {
            current = Path.Combine(current, segment);
            var entry = new FileInfo(current);
            if (!entry.Exists && !Directory.Exists(current)) return null;
            if (entry.LinkTarget is not null && !IsInside(realRoot, RealPath(current)))
                throw new ArtifactPathException(path, "it passes through a link that leads out of the task's artifacts");
        }
        var file = new FileInfo(current);
        return file.Exists ? file : null;
    }

    /// <summary>The path's segments, or why it is refused.</summary>
    static string[] Segments(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArtifactPathException(path, "it is empty");
        if (path.Contains('\0')) throw new ArtifactPathException(path, "it has a NUL character");
        var normalized = path.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(normalized)) throw new ArtifactPathException(path, "it is absolute");
        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is "." or "..")) throw new ArtifactPathException(path, "it leaves the task's artifacts");
        if (segments[0] == WorkspaceFolder) throw new ArtifactPathException(path, "the workspace is a build folder, not an artifact: read the code through /api/git/repos");
        return segments;
    }

    /// <summary>The path with every link on the way resolved.</summary>
    static string RealPath(string path)
    {
        var info = new FileInfo(path);
        var parent = info.Directory is { } directory && directory.FullName != path ? RealPath(directory.FullName) : null;
        var here = parent is null ? path : Path.Combine(parent, info.Name);
        var target = new FileInfo(here).LinkTarget is not null ? File.ResolveLinkTarget(here, returnFinalTarget: true)?.FullName : null;
        return target is null ? here : RealPath(target);
    }

    static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

/// <summary>An artifact path that is refused, with the reason.</summary>
public sealed class ArtifactPathException(string path, string reason)
    : ArgumentException($"The path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' is refused: {reason}.");
