using Catalyst.Core.Git;

namespace Catalyst.Web.TaskPage;

/// <summary>A folder of a branch as the file tree shows it: its folders, then its files, each by name.</summary>
public sealed class FileFolder(string name)
{
    public string Name { get; } = name;
    public List<FileFolder> Folders { get; } = [];
    public List<GitTreeEntry> Files { get; } = [];

    /// <summary>The tree of the given files (paths with '/'), folders first as git lists them.</summary>
    public static FileFolder Of(IEnumerable<GitTreeEntry> files)
    {
        var root = new FileFolder("");
        foreach (var file in files)
        {
            var folder = root;
            var parts = file.Path.Split('/');
            foreach (var part in parts[..^1])
            {
                var next = folder.Folders.FirstOrDefault(f => f.Name == part);
                if (next is null) folder.Folders.Add(next = new FileFolder(part));
                folder = next;
            }
            folder.Files.Add(file);
        }
        return root;
    }
}
