using Aspire.Hosting;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// How a test or a benchmark runs the AppHost in Local mode on this machine: the installed servers on free
/// loopback ports, data in a private folder. Shared with the AppHost benchmark.
/// </summary>
public static class LocalAppHost
{
    public static readonly string[] Servers = ["postgres", "epmd", "rabbitmq", "redis", "preview-proxy"];
    public const string Api = "catalyst-api";
    public const string Agents = "catalyst-agents";
    public const int AgentReplicas = 2;

    static readonly string[] PortNames =
        ["Postgres", "RabbitMQ", "RabbitMQManagement", "RabbitMQDistribution", "Epmd", "Redis", "PreviewProxy", "PreviewProxyAdmin"];

    public static Dictionary<string, int> FreePorts() => PortNames.ToDictionary(p => p, _ => FreePort.Next());

    public static string[] Arguments(string dataDirectory, IReadOnlyDictionary<string, int> ports) =>
    [
        "--Catalyst:Infrastructure=Local", $"--Catalyst:AppHost:DataDirectory={dataDirectory}", "--DcpPublisher:RandomizePorts=true",
        .. ports.Select(p => $"--Catalyst:Local:Ports:{p.Key}={p.Value}"),
    ];

    /// <summary>Starts the built AppHost and waits until every resource is healthy, both agent replicas included.</summary>
    public static async Task<ResourceStates> StartHealthyAsync(DistributedApplication app, TimeSpan patience, CancellationToken ct)
    {
        var states = new ResourceStates(app.ResourceNotifications, ct);
        await app.StartAsync(ct);
        using var boot = CancellationTokenSource.CreateLinkedTokenSource(ct);
        boot.CancelAfter(patience);
        try
        {
            await states.WaitForHealthyAsync(Servers.Append(Api), Agents, AgentReplicas, boot.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Not every resource was healthy within {patience.TotalSeconds} s:\n{states}");
        }
        return states;
    }
}
