namespace Catalyst.Core.Persistence.Embedded;

/// <summary>Finds the installed PostgreSQL server binaries (initdb, pg_ctl).</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL " +
        "(Debian/Ubuntu: 'apt-get install postgresql'; macOS: 'brew install postgresql'), " +
        "or set Catalyst:Postgres:BinDirectory to the folder that holds initdb, " +
        "or set ConnectionStrings:catalystdb to use an existing database.";

    public static PostgresBinaries? Find(string? configuredDirectory = null)
    {
        foreach (var candidate in Candidates(configuredDirectory))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
                return new PostgresBinaries(candidate);
        }
        return null;
    }

    static IEnumerable<string> Candidates(string? configuredDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            // An explicit setting is the only place looked at: silently using another version would surprise.
            yield return configuredDirectory;
            yield break;
        }

        // Debian/Ubuntu keep the server binaries off PATH, one folder per major version: prefer the newest.
        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/lib/postgresql" })
        {
            if (!Directory.Exists(root)) continue;
            foreach (var version in Directory.GetDirectories(root).OrderByDescending(MajorVersion))
                yield return Path.Combine(version, "bin");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;

        foreach (var dir in new[] { "/usr/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin" })
            yield return dir;
    }

    static int MajorVersion(string directory) =>
        int.TryParse(Path.GetFileName(directory), out var major) ? major : 0;
}
