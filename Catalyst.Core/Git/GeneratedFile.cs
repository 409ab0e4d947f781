namespace Catalyst.Core.Git;

public sealed record GeneratedFile(string Path, string Content)
{
    /// <summary>Writes files under <paramref name="root"/>, every path confined to it.</summary>
    public static async Task WriteAllAsync(string root, IEnumerable<GeneratedFile> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var path = RepositoryPaths.Resolve(root, file.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, ct);
        }
    }
}
