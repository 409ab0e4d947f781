using System.ComponentModel.DataAnnotations;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>
/// Bounds and reach of a deployment scan. Loopback and the previews' clean-URL domain are always allowed; anything
/// else must be named in both <see cref="AllowedHosts"/> and <see cref="AllowedNetworks"/>, so a name that later
/// resolves somewhere unexpected (DNS rebinding) is still refused.
/// </summary>
public sealed class DeploymentScanOptions
{
    public const string Section = "Catalyst:Explorer:Deployment";

    /// <summary>Every HTTP request and TLS handshake of one scan counts against this.</summary>
    [Range(1, 1000)]
    public int MaxRequests { get; set; } = 40;

    /// <summary>Of <see cref="MaxRequests"/>, how many go to measuring latency (the rest probe paths).</summary>
    [Range(1, 1000)]
    public int LatencySamples { get; set; } = 20;

    /// <summary>The whole scan, resolution and requests included.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest response body read (markup, OpenAPI documents); the rest is not downloaded.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Redirects followed per request, each to an allowed target only.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Host names besides localhost and *.localhost: exact ("staging.example.com") or a suffix ("*.example.com").</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Addresses or CIDR ranges besides loopback that allowed names may resolve to ("10.0.5.0/24").</summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
