using System.Reflection;
using System.Text.Json.Nodes;

namespace Catalyst.Core.Events;

/// <summary>
/// Which process emitted an event (host, process id, service), kept in the event's metadata: the trail shows
/// where each step ran, for instance in which worker of a distributed deployment.
/// </summary>
public static class EventOrigin
{
    static readonly string Service = Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown";

    public static JsonObject Metadata() => new()
    {
        ["host"] = Environment.MachineName,
        ["process_id"] = Environment.ProcessId,
        ["service"] = Service,
    };
}
