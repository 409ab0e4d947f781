using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using LibGit2Sharp;

namespace Catalyst.Core.Git;

/// <summary>What a path names in a commit. <see cref="Submodule"/> is a commit recorded in a tree.</summary>
public enum GitObjectKind { Missing, Tree, Blob, Submodule }

public sealed record GitTreeEntry(string Name, string Path, GitObjectKind Kind, string Mode, string ObjectId, long? Size);

// The three read results are never changed once read: marked immutable, HybridCache's memory level hands out the
// instance itself instead of deserialising a copy on every hit (a file can be a megabyte).

/// <summary>A folder's entries; <see cref="Kind"/> says what the path was when it is not a folder (then no entries).</summary>
[ImmutableObject(true)]
public sealed record GitTree(GitObjectKind Kind, IReadOnlyList<GitTreeEntry> Entries);

/// <summary>
/// A file's size and, unless it is larger than the limit asked for, its bytes. Binary: a NUL byte near the start
/// (git's own test) or bytes that are not UTF-8.
/// </summary>
[ImmutableObject(true)]
public sealed record GitBlob(GitObjectKind Kind, long Size, byte[]? Content, bool IsBinary);

/// <summary>One file's line counts in a diff; null counts for a binary file.</summary>
public sealed record GitFileChange(string Path, int? Additions, int? Deletions);

[ImmutableObject(true)]
public sealed record GitDiff(string Patch, bool Truncated, IReadOnlyList<GitFileChange> Files);

/// <summary>
/// Reads of committed objects only, never the index or the work tree, so they are safe while an agent holds the
/// repository's lock and commits.
/// </summary>
public sealed partial class GitRepository
{
    /// <summary>Git's own binary test looks for a NUL byte in this many leading bytes.</summary>
    const int BinaryProbeBytes = 8000;

    public Task<string?> ResolveCommitAsync(string revision, CancellationToken ct)
    {
        var name = Rev(revision);
        metrics?.Read("resolve");
        return WithAsync(repository => PeelToCommit(repository, name)?.Sha, ct);
    }

    public Task<GitTree> ReadTreeAsync(string commit, string path, CancellationToken ct)
    {
        var folder = path.Length == 0 ? "" : RepositoryPaths.Normalize(path);
        var revision = Rev(commit);
        metrics?.Read("tree");
        return WithAsync(repository =>
        {
            var (kind, target) = Find(repository, revision, folder);
            if (kind != GitObjectKind.Tree) return new GitTree(kind, []);
            var entries = ((Tree)target!).Select(entry => new GitTreeEntry(
                entry.Name, folder.Length == 0 ? entry.Name : $"{folder}/{entry.Name}", KindOf(entry.TargetType), ModeOf(entry.Mode), entry.Target.Sha,
                entry.TargetType == TreeEntryTargetType.Blob ? repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size : null));
            // Folders first, then files, each by name: the order a file browser shows.
            return new GitTree(GitObjectKind.Tree, [.. entries.OrderBy(e => e.Kind == GitObjectKind.Tree ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal)]);
        }, ct);
    }

    public Task<GitBlob> ReadBlobAsync(string commit, string path, int maxBytes, CancellationToken ct)
    {
        var file = RepositoryPaths.Normalize(path);
        var revision = Rev(commit);
        metrics?.Read("file");
        return WithAsync(repository =>
        {
            var (kind, target) = Find(repository, revision, file);
            if (kind != GitObjectKind.Blob) return new GitBlob(kind, 0, null, false);
            var size = repository.ObjectDatabase.RetrieveObjectMetadata(target!.Id).Size;
            if (size > maxBytes) return new GitBlob(kind, size, null, false);

            metrics?.Read("blob");
            using var stream = ((Blob)target).GetContentStream(); // the committed bytes, no filters applied
            using var buffer = new MemoryStream((int)size);
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var isBinary = content.AsSpan(0, Math.Min(content.Length, BinaryProbeBytes)).Contains((byte)0) || !Utf8.IsValid(content);
            return new GitBlob(kind, size, content, isBinary);
        }, ct);
    }

    public Task<GitDiff> ReadDiffAsync(string from, string to, int maxPatchBytes, CancellationToken ct)
    {
        metrics?.Read("diff");
        return WithAsync(repository =>
        {
            // Renames are not looked for: each file is a deletion and an addition, as the browser shows them.
            var patch = Compare<Patch>(repository, from, to, SimilarityOptions.None);
            var files = patch.Select(f => f.IsBinaryComparison
                ? new GitFileChange(f.Path.Replace('\\', '/'), null, null)
                : new GitFileChange(f.Path.Replace('\\', '/'), f.LinesAdded, f.LinesDeleted)).ToList();

            var bytes = Encoding.UTF8.GetBytes(patch.Content).AsSpan();
            var truncated = bytes.Length > maxPatchBytes;
            // A cut patch ends at its last whole line, never inside a line or a UTF-8 sequence.
            if (truncated) bytes = bytes[..maxPatchBytes] is var cut && cut.LastIndexOf((byte)'\n') is var newline and >= 0 ? cut[..(newline + 1)] : [];
            return new GitDiff(Encoding.UTF8.GetString(bytes), truncated, files);
        }, ct);
    }

    /// <summary>What <paramref name="path"/> names in the commit, and the object, when there is one.</summary>
    static (GitObjectKind Kind, GitObject? Target) Find(Repository repository, string revision, string path)
    {
        if (PeelToCommit(repository, revision) is not { } commit) return (GitObjectKind.Missing, null);
        if (path.Length == 0) return (GitObjectKind.Tree, commit.Tree);
        return commit[path] is { } entry ? (KindOf(entry.TargetType), entry.TargetType == TreeEntryTargetType.GitLink ? null : entry.Target) : (GitObjectKind.Missing, null);
    }

    static GitObjectKind KindOf(TreeEntryTargetType type) => type switch
    {
        TreeEntryTargetType.Tree => GitObjectKind.Tree,
        TreeEntryTargetType.Blob => GitObjectKind.Blob,
        TreeEntryTargetType.GitLink => GitObjectKind.Submodule,
        _ => GitObjectKind.Missing,
    };

    /// <summary>The mode as git prints it: six octal digits ("100644", "040000").</summary>
    static string ModeOf(Mode mode) => Convert.ToString((int)mode, 8).PadLeft(6, '0');
}
