using System.Globalization;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer.Routing;

/// <summary>
/// Clean URLs through Traefik. In docker mode the container carries the routing labels and Traefik's Docker
/// provider picks them up; for process previews a file per preview goes into the file provider's folder
/// (Traefik watches it), removed with the preview.
/// </summary>
public sealed class TraefikPreviewRouter(IOptions<PreviewOptions> options) : IPreviewRouter
{
    /// <summary>The port the app listens on inside its container.</summary>
    const int ContainerPort = 8080;

    PreviewRoutingOptions Routing => options.Value.Routing;
    bool UsesLabels => options.Value.Mode == PreviewMode.Docker;

    public PreviewRoutingProvider Provider => PreviewRoutingProvider.Traefik;

    public async Task<Uri> AddAsync(PreviewRoute route, CancellationToken ct)
    {
        if (!UsesLabels)
        {
            var folder = Routing.TraefikDynamicDirectory
                ?? throw new InvalidOperationException("Traefik routing of process previews needs Catalyst:Preview:Routing:TraefikDynamicDirectory (Traefik's file provider folder).");
            Directory.CreateDirectory(folder);
            // Write then rename: Traefik must never read half a file.
            var temporary = Path.Combine(folder, $".{route.Id}.yml.tmp");
            await File.WriteAllTextAsync(temporary, DynamicConfiguration(route), ct);
            File.Move(temporary, FileOf(route), overwrite: true);
        }
        return PreviewHosts.CleanUrl(route.Host, Routing.PublicPort);
    }

    public Task RemoveAsync(PreviewRoute route, CancellationToken ct)
    {
        if (!UsesLabels && Routing.TraefikDynamicDirectory is not null) File.Delete(FileOf(route));
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(PreviewRoute route, CancellationToken ct) =>
        Task.FromResult(UsesLabels || (Routing.TraefikDynamicDirectory is not null && File.Exists(FileOf(route))));

    public IReadOnlyDictionary<string, string> LabelsFor(PreviewRoute route) => !UsesLabels ? new Dictionary<string, string>() : new Dictionary<string, string>
    {
        ["traefik.enable"] = "true",
        [$"traefik.http.routers.{route.Id}.rule"] = $"Host(`{route.Host}`)",
        [$"traefik.http.routers.{route.Id}.entrypoints"] = Routing.TraefikEntryPoint,
        [$"traefik.http.services.{route.Id}.loadbalancer.server.port"] = ContainerPort.ToString(CultureInfo.InvariantCulture),
    };

    string FileOf(PreviewRoute route) => Path.Combine(Routing.TraefikDynamicDirectory!, $"{route.Id}.yml");

    string DynamicConfiguration(PreviewRoute route) => $"""
        # Written by Catalyst for the preview of task {route.TaskId}; removed with the preview.
        http:
          routers:
            {route.Id}:
              rule: "Host(`{route.Host}`)"
              entryPoints: ["{Routing.TraefikEntryPoint}"]
              service: {route.Id}
          services:
            {route.Id}:
              loadBalancer:
                servers:
                  - url: "http://127.0.0.1:{route.Port}"

        """;
}
