using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

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
/// Reads of committed objects: plumbing only (rev-parse, ls-tree, cat-file, diff between commits), which never
/// touches the index or the work tree, so they are safe while an agent holds the repository's lock and commits.
/// </summary>
public sealed partial class GitRepository
{
    /// <summary>Git's own binary test looks for a NUL byte in this many leading bytes.</summary>
    const int BinaryProbeBytes = 8000;

    /// <summary>The diff flags that keep a repository's configuration (external diff tools, text conversion) out of reads.</summary>
    static readonly string[] PlainDiff = ["diff", "--no-ext-diff", "--no-textconv", "--no-renames", "--no-color"];

    public async Task<string?> ResolveCommitAsync(string revision, CancellationToken ct)
    {
        var result = await RunAsync(ct, "rev-parse", "--verify", "--quiet", $"{Rev(revision)}^{{commit}}");
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    public async Task<GitTree> ReadTreeAsync(string commit, string path, CancellationToken ct)
    {
        var folder = path.Length == 0 ? "" : RepositoryPaths.Normalize(path);
        var kind = await KindAsync(commit, folder, ct);
        if (kind != GitObjectKind.Tree) return new GitTree(kind, []);

        var output = await GitAsync(ct, "ls-tree", "-z", "--long", ObjectName(commit, folder));
        var entries = new List<GitTreeEntry>();
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <object> <size>\t<name>", the size padded and "-" for anything but a blob.
            var tab = record.IndexOf('\t');
            if (tab < 0) continue;
            var meta = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = record[(tab + 1)..];
            var size = long.TryParse(meta[3], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : (long?)null;
            entries.Add(new GitTreeEntry(name, folder.Length == 0 ? name : $"{folder}/{name}", KindOf(meta[1]), meta[0], meta[2], size));
        }
        // Folders first, then files, each by name: the order a file browser shows.
        return new GitTree(GitObjectKind.Tree, [.. entries.OrderBy(e => e.Kind == GitObjectKind.Tree ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal)]);
    }

    public async Task<GitBlob> ReadBlobAsync(string commit, string path, int maxBytes, CancellationToken ct)
    {
        var file = RepositoryPaths.Normalize(path);
        var kind = await KindAsync(commit, file, ct);
        if (kind != GitObjectKind.Blob) return new GitBlob(kind, 0, null, false);

        var name = ObjectName(commit, file);
        var size = long.Parse((await GitAsync(ct, "cat-file", "-s", name)).Trim(), CultureInfo.InvariantCulture);
        if (size > maxBytes) return new GitBlob(kind, size, null, false);

        var content = await ReadBytesAsync(maxBytes, ct, "cat-file", "blob", name);
        var isBinary = content.AsSpan(0, Math.Min(content.Length, BinaryProbeBytes)).Contains((byte)0) || !Utf8.IsValid(content);
        return new GitBlob(kind, size, content, isBinary);
    }

    public async Task<GitDiff> ReadDiffAsync(string from, string to, int maxPatchBytes, CancellationToken ct)
    {
        var numstat = await GitAsync(ct, [.. PlainDiff, "--numstat", "-z", Rev(from), Rev(to), "--"]);
        var files = new List<GitFileChange>();
        foreach (var record in numstat.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<added>\t<deleted>\t<path>", "-" for both counts of a binary file.
            var parts = record.Split('\t', 3);
            if (parts.Length < 3) continue;
            files.Add(new GitFileChange(parts[2], Count(parts[0]), Count(parts[1])));
        }

        var patch = await RunForBytesAsync(maxPatchBytes, ct, [.. PlainDiff, Rev(from), Rev(to), "--"]);
        if (!patch.Truncated && !patch.Succeeded) throw new InvalidOperationException($"git diff failed: {patch.StandardError.Trim()}");
        var bytes = patch.StandardOutput.AsSpan();
        // A cut patch ends at its last whole line, never inside a line or a UTF-8 sequence.
        if (patch.Truncated && bytes.LastIndexOf((byte)'\n') is var newline and >= 0) bytes = bytes[..(newline + 1)];
        return new GitDiff(Encoding.UTF8.GetString(bytes), patch.Truncated, files);
    }

    async Task<GitObjectKind> KindAsync(string commit, string path, CancellationToken ct)
    {
        var result = await RunAsync(ct, "cat-file", "-t", ObjectName(commit, path));
        return result.Succeeded ? KindOf(result.StandardOutput.Trim()) : GitObjectKind.Missing;
    }

    async Task<byte[]> ReadBytesAsync(int maxBytes, CancellationToken ct, params string[] arguments)
    {
        var result = await RunForBytesAsync(maxBytes, ct, arguments);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"git {arguments[0]} failed: {(result.Truncated ? "more output than expected" : result.StandardError.Trim())}");
    }

    /// <summary>"commit:path", git's name for a path in a commit; the commit alone names its root folder.</summary>
    static string ObjectName(string commit, string path) => path.Length == 0 ? $"{Rev(commit)}^{{tree}}" : $"{Rev(commit)}:{RepositoryPaths.Normalize(path)}";

    static GitObjectKind KindOf(string type) => type switch
    {
        "tree" => GitObjectKind.Tree,
        "blob" => GitObjectKind.Blob,
        "commit" => GitObjectKind.Submodule,
        _ => GitObjectKind.Missing,
    };

    static int? Count(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
