using Catalyst.Agents.Deployer.Routing;
using Catalyst.Agents.Docker;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Tester.Forwarding;
using Catalyst.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

public static class PreviewExtensions
{
    /// <summary>
    /// What any host needs to manage previews (the Api's preview endpoints, the Deployer): the manager, the
    /// port leases, the runtime of the configured mode and the router of the configured proxy.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystPreviews(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Both the Api and the agents call this in embedded mode; binding twice would double every list option.
        if (services.Any(d => d.ServiceType == typeof(PreviewManager))) return builder;
        services.AddOptions<PreviewOptions>().BindConfiguration(PreviewOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PortFrom <= o.PortTo, "Catalyst:Preview:PortFrom must not be above PortTo.").ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var sandbox = builder.Configuration.GetSection(SandboxOptions.Section).Get<SandboxOptions>() ?? new SandboxOptions();
            // The data root holds the database's password and every task's files: hidden from generated code.
            sandbox.DataRoot ??= sp.GetRequiredService<IOptions<CatalystOptions>>().Value.FullDataRoot;
            return sandbox;
        });
        services.TryAddSingleton<IPortForwarder, NamespacePortForwarder>();
        services.TryAddSingleton<ProcessSandbox>();
        services.AddHostedService<SandboxReaper>();
        services.TryAddSingleton<PortLeases>();
        services.TryAddSingleton<PreviewProbe>();
        services.TryAddSingleton<PreviewManager>();

        var preview = builder.Configuration.GetSection(PreviewOptions.Section).Get<PreviewOptions>() ?? new PreviewOptions();
        builder.AddCatalystDocker();
        if (preview.Mode == PreviewMode.Docker)
            services.TryAddSingleton<IPreviewRuntime>(sp => sp.GetService<DockerPreviewRuntime>()
                ?? throw new InvalidOperationException($"{PreviewOptions.Section}:Mode is Docker, but {DockerOptions.Section}:Endpoint names no Docker daemon."));
        else services.TryAddSingleton<IPreviewRuntime, ProcessPreviewRuntime>();
        switch (preview.Routing.Provider)
        {
            case PreviewRoutingProvider.Caddy: services.TryAddSingleton<IPreviewRouter, CaddyPreviewRouter>(); break;
            case PreviewRoutingProvider.Traefik: services.TryAddSingleton<IPreviewRouter, TraefikPreviewRouter>(); break;
            default: services.TryAddSingleton<IPreviewRouter, DirectPreviewRouter>(); break;
        }
        return builder;
    }

    /// <summary>The Deployer's side: building the app, the deployment files, and the monitor (health, expiry, reconcile).</summary>
    public static IServiceCollection AddPreviewDeployment(this IServiceCollection services)
    {
        services.TryAddSingleton<PreviewAppBuilder>();
        services.TryAddSingleton<DeploymentFiles>();
        services.AddHostedService<PreviewMonitor>();
        return services;
    }
}
