using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// The latest state of every resource instance (replicas apart) of a running AppHost, for waiting and for
/// failure messages. Shared with the AppHost benchmark.
/// </summary>
public sealed class ResourceStates
{
    readonly Dictionary<string, ResourceEvent> latest = [];
    readonly ResourceNotificationService notifications;

    public ResourceStates(ResourceNotificationService notifications, CancellationToken ct)
    {
        this.notifications = notifications;
        _ = Task.Run(async () =>
        {
            await foreach (var e in notifications.WatchAsync(ct))
                lock (latest) latest[e.ResourceId] = e;
        }, ct);
    }

    /// <summary>Every named resource healthy, and <paramref name="replicas"/> healthy instances of the replicated one.</summary>
    public async Task WaitForHealthyAsync(IEnumerable<string> resources, string replicated, int replicas, CancellationToken ct)
    {
        foreach (var name in resources) await notifications.WaitForResourceHealthyAsync(name, ct);
        await WaitForHealthyReplicasAsync(replicated, replicas, ct);
    }

    public async Task WaitForHealthyReplicasAsync(string name, int count, CancellationToken ct)
    {
        var healthy = new HashSet<string>();
        await foreach (var e in notifications.WatchAsync(ct))
        {
            if (e.Resource.Name != name || e.Snapshot.HealthStatus != HealthStatus.Healthy) continue;
            healthy.Add(e.ResourceId);
            if (healthy.Count == count) return;
        }
    }

    public override string ToString()
    {
        lock (latest)
            return string.Join('\n', latest.Values.OrderBy(e => e.ResourceId)
                .Select(e => $"  {e.ResourceId}: {e.Snapshot.State?.Text} {e.Snapshot.HealthStatus}"));
    }
}
