using System.Formats.Tar;
using System.Text;

namespace Catalyst.Agents.Docker;

/// <summary>
/// A build context as the Engine takes it: a tar with the Dockerfile at its root and one folder's files under a
/// prefix, so that the Dockerfile is never copied into the image with the app (nor clashes with the app's own).
/// </summary>
public static class DockerBuildContext
{
    public static async Task WriteAsync(Stream destination, string dockerfile, string folder, string prefix, CancellationToken ct)
    {
        await using var tar = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        var bytes = Encoding.UTF8.GetBytes(dockerfile);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            DataStream = new MemoryStream(bytes),
        }, ct);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, prefix + "/") { Mode = Readable(UnixFileMode.UserWrite, directory: true) }, ct);
        await AddFolderAsync(tar, folder, prefix, ct);
    }

    static async Task AddFolderAsync(TarWriter tar, string folder, string prefix, CancellationToken ct)
    {
        foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var name = $"{prefix}/{info.Name}";
            if (info.LinkTarget is { } target)
            {
                // node_modules/.bin holds symlinks: kept as links, never followed out of the folder.
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target }, ct);
            }
            else if (info is DirectoryInfo)
            {
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = Readable(info.UnixFileMode, directory: true) }, ct);
                await AddFolderAsync(tar, info.FullName, name, ct);
            }
            else
            {
                await using var content = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = Readable(info.UnixFileMode, directory: false), DataStream = content }, ct);
            }
        }
    }

    /// <summary>
    /// The app runs as an unprivileged user while its files belong to root in the image: every file must be
    /// readable by others, and every folder (and executable) enterable by them, whatever the build's umask was.
    /// </summary>
    static UnixFileMode Readable(UnixFileMode mode, bool directory)
    {
        mode |= UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (directory || mode.HasFlag(UnixFileMode.UserExecute))
            mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return mode;
    }
}
