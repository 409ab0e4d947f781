namespace Catalyst.Agents.Deployer.Routing;

/// <summary>No proxy: a preview is reached on its port, and that URL is the preview URL.</summary>
public sealed class DirectPreviewRouter : IPreviewRouter
{
    public PreviewRoutingProvider Provider => PreviewRoutingProvider.None;

    public Task<Uri> AddAsync(PreviewRoute route, CancellationToken ct) => Task.FromResult(PreviewHosts.DirectUrl(route.Port));

    public Task RemoveAsync(PreviewRoute route, CancellationToken ct) => Task.CompletedTask;

    public Task<bool> ExistsAsync(PreviewRoute route, CancellationToken ct) => Task.FromResult(true);

    public IReadOnlyDictionary<string, string> LabelsFor(PreviewRoute route) => new Dictionary<string, string>();
}
