namespace Catalyst.Agents.Explorer.Repository;

/// <summary>One text file of the scanned tree, by its path relative to the root (forward slashes).</summary>
public sealed record SnapshotFile(string Path, string Content)
{
    public string Name => System.IO.Path.GetFileName(Path);
    public string Extension => System.IO.Path.GetExtension(Path).ToLowerInvariant();
    public int LineCount => Content.Length == 0 ? 0 : Content.TrimEnd('\n').Split('\n').Length;
    public bool IsUnder(string folder) => ("/" + Path).Contains("/" + folder + "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The text files of a checked-out tree, read once: dependency folders, build output and VCS data are left out,
/// and so are binary and very large files (counted, not read), so every measurement reads the same files.
/// </summary>
public sealed class RepositorySnapshot
{
    static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", "node_modules", "bin", "obj", "dist", "build", "out", "vendor", ".venv", "venv", "__pycache__", "packages", "coverage", ".idea", ".vs", "target",
    };
    const long MaxFileBytes = 1_000_000;

    public required string Root { get; init; }
    public required IReadOnlyList<SnapshotFile> Files { get; init; }

    /// <summary>Files not read: binary or larger than 1 MB.</summary>
    public required int SkippedFiles { get; init; }

    public SnapshotFile? Find(string path) => Files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<SnapshotFile> Named(string name) => Files.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<SnapshotFile> WithExtension(params string[] extensions) => Files.Where(f => extensions.Contains(f.Extension));

    public static RepositorySnapshot Read(string root, int maxFiles)
    {
        var files = new List<SnapshotFile>();
        var skipped = 0;
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(folder))
                if (!SkippedFolders.Contains(Path.GetFileName(directory)) && new DirectoryInfo(directory).LinkTarget is null) pending.Push(directory);
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                var info = new FileInfo(path);
                if (info.LinkTarget is not null) continue;
                if (files.Count >= maxFiles || info.Length > MaxFileBytes) { skipped++; continue; }
                var content = File.ReadAllText(path);
                if (content.Contains('\0')) { skipped++; continue; }
                files.Add(new SnapshotFile(Path.GetRelativePath(root, path).Replace('\\', '/'), content.Replace("\r\n", "\n")));
            }
        }
        return new RepositorySnapshot { Root = root, Files = [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)], SkippedFiles = skipped };
    }
}
