using System.Diagnostics;

namespace Catalyst.AppHost.Infrastructure;

/// <summary>How the AppHost provides PostgreSQL, RabbitMQ, Redis and the preview proxy.</summary>
public enum InfrastructureMode
{
    /// <summary>Aspire's container resources (images pulled by the container runtime), with data volumes.</summary>
    Containers,

    /// <summary>The servers installed on this machine, run as executables from Catalyst.AppHost/scripts.</summary>
    Local,
}

/// <summary>
/// Chooses the <see cref="InfrastructureMode"/>: <c>Catalyst:Infrastructure</c> when set; otherwise Containers
/// only when a container runtime answers <c>docker info</c> and already holds every image the container
/// resources need (or <c>Catalyst:ContainerImagesPullable=true</c> says it can pull them). A runtime that
/// answers but has neither (no registry, as on the project's build machines) gives Local, so starting a
/// Docker daemon for other reasons never breaks the default.
/// </summary>
public static class InfrastructureModeDetector
{
    public const string Key = "Catalyst:Infrastructure";
    public const string PullableKey = "Catalyst:ContainerImagesPullable";

    /// <summary>The repositories of the images the container resources use (Aspire's defaults, and Traefik).</summary>
    public static readonly string[] Images = ["postgres", "rabbitmq", "redis", "traefik"];

    public static InfrastructureMode Resolve(IConfiguration configuration, Func<string[], string?>? docker = null)
    {
        if (configuration[Key] is { Length: > 0 } configured)
            return Enum.Parse<InfrastructureMode>(configured, ignoreCase: true);

        docker ??= RunDocker;
        if (docker(["info", "--format", "{{.ServerVersion}}"]) is not { Length: > 0 }) return InfrastructureMode.Local;
        if (configuration.GetValue<bool>(PullableKey)) return InfrastructureMode.Containers;

        var present = (docker(["image", "ls", "--format", "{{.Repository}}"]) ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(repository => repository[(repository.LastIndexOf('/') + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        return Images.All(present.Contains) ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    /// <summary>The standard output of a docker CLI call that succeeded within 5 s, else null.</summary>
    static string? RunDocker(string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult().Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no docker CLI
        }
    }
}
