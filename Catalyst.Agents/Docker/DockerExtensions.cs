using Docker.DotNet;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Agents.Docker;

public static class DockerExtensions
{
    /// <summary>
    /// Binds <see cref="DockerOptions"/> and, only when <c>Catalyst:Docker:Endpoint</c> is set, registers one
    /// <see cref="IDockerClient"/> for the process and the Docker preview runtime. Without an endpoint nothing
    /// that needs a daemon is registered, so a machine without Docker never tries to reach one. Safe to call twice.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystDocker(this IHostApplicationBuilder builder)
    {
        // Bound once: a second binding would append HostRuntimeMounts to itself (a duplicate mount point).
        if (builder.Services.Any(d => d.ServiceType == typeof(IConfigureOptions<DockerOptions>))) return builder;
        builder.Services.AddOptions<DockerOptions>().BindConfiguration(DockerOptions.Section);

        var options = builder.Configuration.GetSection(DockerOptions.Section).Get<DockerOptions>() ?? new DockerOptions();
        if (!options.IsConfigured) return builder;

        // One client: it owns the HTTP handler over the socket, which is meant to be shared.
        builder.Services.TryAddSingleton<IDockerClient>(_ => new DockerClientConfiguration(new Uri(options.Endpoint!)).CreateClient());
        builder.Services.TryAddSingleton<DockerPreviewRuntime>();
        return builder;
    }

    /// <summary>Whether the configuration names a Docker daemon (read before the container is built, to choose implementations).</summary>
    public static bool HasDocker(this IConfiguration configuration) =>
        configuration.GetSection(DockerOptions.Section).Get<DockerOptions>()?.IsConfigured == true;
}
