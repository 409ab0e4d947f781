using System.Globalization;

namespace Catalyst.Agents.Tester;

/// <summary>What one sandboxed run may see and reach, besides its workspace.</summary>
/// <param name="Network">Keeps the host's network (a package restore); every other run gets a loopback of its own.</param>
public sealed record SandboxMounts(IReadOnlyList<string> Writable, IReadOnlyList<string> ReadOnly, bool Network);

/// <summary>
/// The bubblewrap command line that confines a run: its own mount, pid, IPC, UTS and (unless it needs the
/// network) network namespaces; the host's file system read-only with the data root, homes, /run and /tmp
/// replaced by empty tmpfs, only the workspace (and the sandbox's own caches) writable; then, when Catalyst is
/// root, setpriv drops to an unprivileged user with no capabilities, an empty bounding set and no_new_privs.
/// </summary>
public sealed class SandboxConfinement(SandboxOptions options)
{
    /// <summary>Whether runs are confined; otherwise only the environment scrub and the rlimits hold.</summary>
    public bool IsAvailable => File.Exists(options.Bubblewrap) && (!Environment.IsPrivilegedProcess || File.Exists(options.Setpriv));

    /// <summary>Why runs are not confined, for the start-up warning; null when they are.</summary>
    public string? Missing => IsAvailable ? null
        : !File.Exists(options.Bubblewrap) ? $"bubblewrap is not installed at {options.Bubblewrap} (Catalyst:Agents:Sandbox:Bubblewrap)"
        : $"setpriv is not installed at {options.Setpriv} (Catalyst:Agents:Sandbox:Setpriv)";

    /// <summary>Whether the run's user differs from Catalyst's, so its workspace must be handed over to it.</summary>
    public bool ChangesUser => Environment.IsPrivilegedProcess;

    /// <summary>The arguments that go before the command: bwrap ... -- [setpriv ... --] command.</summary>
    public IReadOnlyList<string> Wrap(string workingDirectory, SandboxMounts mounts, IReadOnlyList<string> command)
    {
        var args = new List<string> { options.Bubblewrap, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try" };
        if (!mounts.Network) args.Add("--unshare-net");
        // The sandbox dies with the process that started bwrap (PR_SET_PDEATHSIG): Catalyst for a test run, a
        // shell of the preview's own for a preview, which outlives Catalyst.
        args.Add("--die-with-parent");
        // Without root, a user namespace of our own is the only way in; bwrap then maps us to ourselves.
        if (!Environment.IsPrivilegedProcess) args.AddRange(["--unshare-user", "--cap-drop", "ALL"]);
        args.AddRange(["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/dev/shm"]);

        var hidden = Hidden();
        foreach (var path in hidden) args.AddRange(["--perms", path is "/tmp" or "/var/tmp" ? "1777" : "0755", "--tmpfs", path]);
        // bwrap makes the folders on the way to a mount 0700: the unprivileged user could not walk down to its
        // own workspace. The ones inside a hidden folder are made first, traversable.
        var onTheWay = mounts.ReadOnly.Concat(mounts.Writable).SelectMany(Ancestors)
            .Where(a => hidden.Any(h => a.StartsWith(h + "/", StringComparison.Ordinal))).Distinct().OrderBy(a => a.Length);
        foreach (var path in onTheWay) args.AddRange(["--perms", "0755", "--dir", path]);
        foreach (var path in mounts.ReadOnly.Where(Path.Exists)) args.AddRange(["--ro-bind", path, path]);
        foreach (var path in mounts.Writable.Where(Path.Exists)) args.AddRange(["--bind", path, path]);
        args.AddRange(["--chdir", workingDirectory, "--"]);

        if (Environment.IsPrivilegedProcess)
            args.AddRange([
                options.Setpriv,
                $"--reuid={options.UserId.ToString(CultureInfo.InvariantCulture)}", $"--regid={options.GroupId.ToString(CultureInfo.InvariantCulture)}",
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
            ]);
        args.AddRange(command);
        return args;
    }

    /// <summary>The folders replaced by empty tmpfs, parents before children, so a hidden folder never covers a mount made inside it.</summary>
    List<string> Hidden() =>
        options.HiddenPaths.Append(options.DataRoot).OfType<string>().Select(p => Path.GetFullPath(p).TrimEnd('/'))
            .Where(p => Directory.Exists(p) && new DirectoryInfo(p).LinkTarget is null).Distinct().OrderBy(p => p.Length).ToList();

    /// <summary>
    /// The folders of <see cref="SandboxOptions.Tools"/> that a hidden folder would cover (an SDK in ~/.dotnet, a tools
    /// folder under /tmp), to be shown read-only, or the run would find no runtime: the PATH folder a tool is found
    /// in, the folder of the file it links to, and that folder's parent when it is a "bin" (Node's lib sits beside it).
    /// Only the tools' folders: other PATH folders under a home (pyenv's shims) stay hidden, with what they need.
    /// Never the data root or a folder that holds it.
    /// </summary>
    public IEnumerable<string> ToolFolders(string path)
    {
        var hidden = Hidden();
        var dataRoot = options.DataRoot is { Length: > 0 } root ? Path.GetFullPath(root).TrimEnd('/') : null;
        static bool IsUnder(string folder, string parent) => folder.StartsWith(parent + "/", StringComparison.Ordinal);
        var folders = path.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(Path.IsPathRooted).ToList();
        var found = new List<string>();
        foreach (var tool in options.Tools)
        {
            var folder = folders.FirstOrDefault(f => File.Exists(Path.Combine(f, tool)));
            if (folder is null) continue;
            found.Add(Path.GetFullPath(folder).TrimEnd('/'));
            var file = new FileInfo(Path.Combine(folder, tool));
            var real = Path.GetDirectoryName(file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName)!;
            found.Add(real);
            if (Path.GetFileName(real) == "bin") found.Add(Path.GetDirectoryName(real)!);
        }
        return found.Distinct().Where(p => hidden.Any(h => IsUnder(p, h))
            && (dataRoot is null || !(p == dataRoot || IsUnder(p, dataRoot) || IsUnder(dataRoot, p)))).ToList();
    }

    static IEnumerable<string> Ancestors(string path)
    {
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(path)); parent is { Length: > 1 }; parent = Path.GetDirectoryName(parent))
            yield return parent;
    }
}
