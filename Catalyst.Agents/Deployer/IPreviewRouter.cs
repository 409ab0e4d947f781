namespace Catalyst.Agents.Deployer;

/// <summary>A route from a preview's clean host name to its port on 127.0.0.1.</summary>
public sealed record PreviewRoute(Guid TaskId, string Name, string Host, int Port)
{
    /// <summary>The id the route is known by in the proxy (a Caddy @id, a Traefik router name).</summary>
    public string Id => Name;
}

/// <summary>Gives previews clean URLs through a reverse proxy. Add and remove are idempotent.</summary>
public interface IPreviewRouter
{
    PreviewRoutingProvider Provider { get; }

    /// <summary>Adds (or replaces) the route; returns the clean URL.</summary>
    Task<Uri> AddAsync(PreviewRoute route, CancellationToken ct);

    Task RemoveAsync(PreviewRoute route, CancellationToken ct);

    /// <summary>Whether the proxy still has the route (a restarted proxy loses routes the monitor then re-adds).</summary>
    Task<bool> ExistsAsync(PreviewRoute route, CancellationToken ct);

    /// <summary>Container labels that route the preview without an API call (Traefik's Docker provider); empty otherwise.</summary>
    IReadOnlyDictionary<string, string> LabelsFor(PreviewRoute route);
}
