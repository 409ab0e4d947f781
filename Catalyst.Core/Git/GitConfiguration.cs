using LibGit2Sharp;

namespace Catalyst.Core.Git;

/// <summary>
/// Keeps the machine's and the user's git configuration (core.autocrlf, templates, safe.directory ...) out of
/// Catalyst's repositories: libgit2 reads only each repository's own .git/config. The setting is process-wide,
/// which is what is wanted: every repository this process opens is one of Catalyst's.
/// </summary>
public static class GitConfiguration
{
    static readonly Lazy<bool> Isolated = new(() =>
    {
        var empty = Path.Combine(Path.GetTempPath(), "catalyst-git-no-config");
        Directory.CreateDirectory(empty);
        foreach (var level in new[] { ConfigurationLevel.System, ConfigurationLevel.Xdg, ConfigurationLevel.Global, ConfigurationLevel.ProgramData })
            GlobalSettings.SetConfigSearchPaths(level, empty);
        return true;
    });

    public static void Isolate() => _ = Isolated.Value;
}
