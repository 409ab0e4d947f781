namespace Catalyst.Agents.Tester;

/// <summary>Where the Tester runs generated code.</summary>
public enum SandboxIsolation
{
    /// <summary>Containers when a Docker daemon is configured (Catalyst:Docker:Endpoint), else processes.</summary>
    Auto,
    Process,
    Container,
}

/// <summary>Catalyst:Agents:Sandbox: how generated code is confined (process and container sandboxes).</summary>
public sealed class SandboxOptions
{
    public const string Section = "Catalyst:Agents:Sandbox";

    public SandboxIsolation Isolation { get; set; } = SandboxIsolation.Auto;

    /// <summary>Where tools are found; not secret, so the host's own PATH is kept.</summary>
    public string Path { get; set; } = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
    public string Prlimit { get; set; } = "/usr/bin/prlimit";

    /// <summary>The host's NuGet packages: visible read-only inside the sandbox, as a fallback folder for restores.</summary>
    public string NuGetPackages { get; set; } = System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    public string NpmCache { get; set; } = System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".npm");
    public long MemoryLimitBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public long MaxFileBytes { get; set; } = 1L * 1024 * 1024 * 1024;

    /// <summary>Container sandbox only: processes and threads (a build runs many of both) and CPUs.</summary>
    public long PidsLimit { get; set; } = 1024;
    public double Cpus { get; set; } = 2.0;

    /// <summary>
    /// Process sandbox: bubblewrap gives each run its own mount, pid, IPC and network namespaces. Without it
    /// the sandbox only scrubs the environment and sets rlimits, and says so in a warning.
    /// </summary>
    public string Bubblewrap { get; set; } = "/usr/bin/bwrap";

    /// <summary>Drops to <see cref="UserId"/> inside the namespaces (only when Catalyst runs as root).</summary>
    public string Setpriv { get; set; } = "/usr/bin/setpriv";

    /// <summary>The unprivileged user generated code runs as when Catalyst runs as root (nobody).</summary>
    public int UserId { get; set; } = 65534;
    public int GroupId { get; set; } = 65534;

    /// <summary>Refuse to run generated code unconfined when bubblewrap is missing, instead of warning.</summary>
    public bool RequireConfinement { get; set; }

    /// <summary>
    /// Catalyst's data root (the database's password, data-protection keys, every task's artifacts): hidden
    /// inside the sandbox, except for the run's own workspace. Set from Catalyst:DataRoot at registration.
    /// </summary>
    public string? DataRoot { get; set; }

    /// <summary>Further folders replaced by an empty tmpfs inside the sandbox: homes, runtime sockets (Docker's), temp.</summary>
    public List<string> HiddenPaths { get; set; } = ["/root", "/home", "/run", "/tmp", "/var/tmp", "/var/lib/docker", "/var/lib/postgresql"];

    /// <summary>
    /// The runtimes generated code is built and run with: where one is installed inside a hidden folder (an SDK in
    /// ~/.dotnet, Node under ~/.nvm), its folder is shown read-only, and nothing else of that folder's parent.
    /// </summary>
    public List<string> Tools { get; set; } = ["dotnet", "node", "npm"];

    /// <summary>The sandbox's own caches (NuGet, npm), owned by its user: {DataRoot}/sandbox/cache unless set.</summary>
    public string? CacheRoot { get; set; }

    public string? CacheFolder => CacheRoot ?? (DataRoot is null ? null : System.IO.Path.Combine(DataRoot, "sandbox", "cache"));
}
