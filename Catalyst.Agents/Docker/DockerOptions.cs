namespace Catalyst.Agents.Docker;

/// <summary>
/// The Docker daemon Catalyst may use (section <c>Catalyst:Docker</c>). When <see cref="Endpoint"/> is set the
/// Tester's sandbox runs generated code in containers, and previews can run in docker mode.
/// </summary>
public sealed class DockerOptions
{
    public const string Section = "Catalyst:Docker";

    /// <summary>The Docker Engine API endpoint (<c>unix:///var/run/docker.sock</c>, <c>tcp://…</c>); unset: no Docker.</summary>
    public string? Endpoint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>
    /// The image a .NET app's published output is layered on. Where images can be pulled, set it to the official
    /// ASP.NET Core runtime image; the default is the local image eng/preview-base-image.sh builds, which has no
    /// .NET of its own and so is paired with <see cref="HostRuntimeMounts"/>.
    /// </summary>
    public string DotnetBaseImage { get; set; } = "catalyst/preview-base:bookworm";

    /// <summary>The image a Node app is layered on (the official node image where it can be pulled).</summary>
    public string NodeBaseImage { get; set; } = "catalyst/preview-base:bookworm";

    /// <summary>The image the Tester's container sandbox restores, builds and tests in (an SDK image where it can be pulled).</summary>
    public string SandboxImage { get; set; } = "catalyst/preview-base:bookworm";

    /// <summary>
    /// Host folders or files bind-mounted read-only at the same path, for images without the runtimes
    /// (e.g. "/usr/share/dotnet", "/usr/bin/node"). Empty with the official images.
    /// </summary>
    public List<string> HostRuntimeMounts { get; set; } = [];
}
