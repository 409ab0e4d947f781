namespace Catalyst.Agents.Docker;

/// <summary>
/// The host's runtimes bind-mounted read-only at their own paths into images that have none
/// (<see cref="DockerOptions.HostRuntimeMounts"/>), and the variables that let a container find them.
/// </summary>
public static class HostRuntimeMounts
{
    /// <summary>Debian's default, which images imported from a root file system do not declare.</summary>
    const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static IEnumerable<string> Binds(DockerOptions options) =>
        options.HostRuntimeMounts.Select(path => $"{path}:{path}:ro");

    /// <summary>
    /// PATH with each mounted folder (and each mounted file's folder) first, and DOTNET_ROOT at a mounted .NET;
    /// nothing when nothing is mounted, so that an official image keeps its own PATH.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Environment(DockerOptions options)
    {
        if (options.HostRuntimeMounts.Count == 0) yield break;
        var folders = options.HostRuntimeMounts
            .Select(path => Directory.Exists(path) ? path : Path.GetDirectoryName(path)!)
            .Concat(DefaultPath.Split(':'))
            .Distinct(StringComparer.Ordinal);
        yield return new("PATH", string.Join(':', folders));
        if (options.HostRuntimeMounts.FirstOrDefault(path => File.Exists(Path.Combine(path, "dotnet"))) is { } dotnetRoot)
            yield return new("DOTNET_ROOT", dotnetRoot);
    }
}
