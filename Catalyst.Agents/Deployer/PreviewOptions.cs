using System.ComponentModel.DataAnnotations;

namespace Catalyst.Agents.Deployer;

/// <summary>How previews run: <c>process</c> here and by default, <c>docker</c> with a Docker daemon, <c>compose_only</c> to write the files only.</summary>
public enum PreviewMode
{
    Process,
    Docker,
    ComposeOnly,
}

/// <summary>Which proxy gives a preview its clean URL (<c>http://{project}-{task8}.{domain}</c>).</summary>
public enum PreviewRoutingProvider
{
    /// <summary>No proxy: the direct port URL is the preview URL.</summary>
    None,

    /// <summary>Caddy, through its admin API: a route per preview, added on deploy and removed on delete.</summary>
    Caddy,

    /// <summary>Traefik: container labels in docker mode, a file-provider dynamic configuration otherwise.</summary>
    Traefik,
}

public sealed class PreviewOptions
{
    public const string Section = "Catalyst:Preview";

    public PreviewMode Mode { get; set; } = PreviewMode.Process;

    /// <summary>The pool previews take their ports from, leased in PostgreSQL (inclusive).</summary>
    [Range(1024, 65535)]
    public int PortFrom { get; set; } = 9000;

    [Range(1024, 65535)]
    public int PortTo { get; set; } = 9999;

    /// <summary>How long a preview lives before the clean-up job stops it.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the monitor checks every preview's health (and re-adds a route the proxy lost).</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the clean-up job looks for expired previews.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the monitor looks for running previews whose process or container has gone, and restarts them.</summary>
    public TimeSpan LivenessInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many times a preview whose process or container died is restarted on its own; after that it is
    /// marked failed and its port lease and URL are released. A deployment or a manual restart starts the count again.
    /// </summary>
    [Range(0, 100)]
    public int MaxRestarts { get; set; } = 3;

    /// <summary>How long a starting app has to answer /health before the deployment fails.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Stop every preview when Catalyst shuts down; by default they keep running and are adopted at the next start.</summary>
    public bool StopOnShutdown { get; set; }

    /// <summary>Limits for a running preview, in both modes.</summary>
    public long MemoryLimitBytes { get; set; } = 512L * 1024 * 1024;

    public double Cpus { get; set; } = 1.0;

    public long PidsLimit { get; set; } = 256;

    /// <summary>Docker mode: run the container with a read-only root file system (the app's data folder is a writable mount).</summary>
    public bool ReadOnlyRootFilesystem { get; set; } = true;

    public PreviewRoutingOptions Routing { get; set; } = new();
}

public sealed class PreviewRoutingOptions
{
    public PreviewRoutingProvider Provider { get; set; } = PreviewRoutingProvider.None;

    /// <summary>Clean URLs are {project}-{task8}.{Domain}; *.localhost resolves to loopback in browsers and curl.</summary>
    public string Domain { get; set; } = "localhost";

    /// <summary>The port the proxy serves previews on (80 on a normal install; clean URLs name it when it is not 80).</summary>
    [Range(1, 65535)]
    public int PublicPort { get; set; } = 80;

    /// <summary>Caddy's admin API (loopback only).</summary>
    public string CaddyAdminUrl { get; set; } = "http://127.0.0.1:2019";

    /// <summary>Traefik's file provider folder, for previews that are not containers.</summary>
    public string? TraefikDynamicDirectory { get; set; }

    /// <summary>The Traefik entry point previews are routed on.</summary>
    public string TraefikEntryPoint { get; set; } = "web";
}
