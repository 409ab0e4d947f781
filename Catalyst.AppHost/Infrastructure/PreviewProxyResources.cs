namespace Catalyst.AppHost.Infrastructure;

/// <summary>The proxy that gives previews their clean URLs (none in a deployment), and how a service is told to use it.</summary>
public sealed record PreviewProxy(IResourceBuilder<IResource>? Resource, Action<IResourceBuilder<ProjectResource>> Configure);

public static class PreviewProxyResources
{
    /// <summary>
    /// Traefik in a container (host network: previews are processes on loopback ports, routed through its
    /// file provider), or (Local) the installed Caddy run by scripts/caddy.sh, driven through its admin API.
    /// Neither is published: both route to previews on this machine's loopback, which a deployment (where
    /// previews run inside the workers' containers) does not share, so there previews keep their direct URLs.
    /// </summary>
    public static PreviewProxy AddPreviewProxy(this CatalystInfrastructure infrastructure, string name)
    {
        if (infrastructure.IsPublishing) return new PreviewProxy(null, _ => { });

        var builder = infrastructure.Builder;
        var publicPort = infrastructure.Port("PreviewProxy", 24080);
        var adminPort = infrastructure.Port("PreviewProxyAdmin", 24019);
        var home = infrastructure.ServerDirectory(name);

        if (infrastructure.Mode == InfrastructureMode.Containers)
        {
            var dynamic = Directory.CreateDirectory(Path.Combine(home, "dynamic")).FullName;
            var traefik = builder.AddContainer(name, "traefik", "v3.5")
                .WithContainerRuntimeArgs("--network=host")
                .WithBindMount(dynamic, "/etc/traefik/dynamic", isReadOnly: true)
                .WithArgs($"--entrypoints.web.address=127.0.0.1:{publicPort}", $"--entrypoints.traefik.address=127.0.0.1:{adminPort}",
                    "--providers.file.directory=/etc/traefik/dynamic", "--providers.file.watch=true", "--ping=true")
                .WithHttpEndpoint(port: publicPort, targetPort: publicPort, name: "http", isProxied: false)
                .WithHttpEndpoint(port: adminPort, targetPort: adminPort, name: "admin", isProxied: false)
                .WithHttpHealthCheck("/ping", endpointName: "admin");
            return new PreviewProxy(traefik, service => service
                .WithEnvironment("Catalyst__Preview__Routing__Provider", "Traefik")
                .WithEnvironment("Catalyst__Preview__Routing__TraefikDynamicDirectory", dynamic)
                .WithEnvironment("Catalyst__Preview__Routing__PublicPort", publicPort.ToString()));
        }

        var caddy = builder.AddExecutable(name, "bash", home, infrastructure.ScriptPath("caddy.sh"))
            .WithEnvironment("CADDY_HOME", home)
            .WithEnvironment("CADDY_ADMIN_PORT", adminPort.ToString())
            .WithHttpEndpoint(port: publicPort, targetPort: publicPort, name: "http", isProxied: false)
            .WithHttpEndpoint(port: adminPort, targetPort: adminPort, name: "admin", isProxied: false)
            .WithHttpHealthCheck("/config/", endpointName: "admin");
        var admin = caddy.GetEndpoint("admin");
        return new PreviewProxy(caddy, service => service
            .WithEnvironment("Catalyst__Preview__Routing__Provider", "Caddy")
            .WithEnvironment("Catalyst__Preview__Routing__CaddyAdminUrl", admin)
            .WithEnvironment("Catalyst__Preview__Routing__PublicPort", publicPort.ToString()));
    }

    public static IResourceBuilder<ProjectResource> WithPreviewProxy(this IResourceBuilder<ProjectResource> service, PreviewProxy proxy)
    {
        proxy.Configure(service);
        return proxy.Resource is null ? service : service.WaitFor(proxy.Resource);
    }
}
