using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Catalyst.Agents.Deployer.Routing;

/// <summary>
/// Clean URLs through Caddy's admin API: one HTTP server of Catalyst's own ("catalyst", on the public port,
/// loopback only, no automatic HTTPS), and one route per preview, known by its @id so it can be replaced and
/// removed without touching anything else in the proxy's configuration.
/// </summary>
public sealed class CaddyPreviewRouter(IOptions<PreviewOptions> options) : IPreviewRouter, IDisposable
{
    // Its own client: the admin API is on loopback, and the factory's retries would hide a refusal for seconds.
    // One connection per request: Caddy restarts its admin server on every config change, anyone's, and a
    // pooled connection it closed meanwhile fails the next call with "the response ended prematurely".
    readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10), DefaultRequestHeaders = { ConnectionClose = true } };
    const string Server = "catalyst";
    readonly SemaphoreSlim serverGate = new(1, 1);

    // While Caddy swaps in a new config its admin listener resets connections for a moment. Each operation is
    // idempotent as a whole (a route is removed by its @id before it is added), so a transport failure reruns it;
    // an answer from Caddy, even a refusal, is final.
    static readonly ResiliencePipeline AdminRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            // A connection reset while connecting can surface as the bare socket error rather than wrapped.
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(e => e.StatusCode is null).Handle<SocketException>().Handle<IOException>(),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    PreviewRoutingOptions Routing => options.Value.Routing;

    public PreviewRoutingProvider Provider => PreviewRoutingProvider.Caddy;

    public async Task<Uri> AddAsync(PreviewRoute route, CancellationToken ct)
    {
        await AdminRetry.ExecuteAsync(async token => await AddOnceAsync(route, token), ct);
        return PreviewHosts.CleanUrl(route.Host, Routing.PublicPort);
    }

    public async Task RemoveAsync(PreviewRoute route, CancellationToken ct) =>
        await AdminRetry.ExecuteAsync(async token => await RemoveOnceAsync(route, token), ct);

    public async Task<bool> ExistsAsync(PreviewRoute route, CancellationToken ct) =>
        await AdminRetry.ExecuteAsync(async token =>
        {
            using var response = await http.GetAsync(Admin($"id/{route.Id}"), token);
            return response.IsSuccessStatusCode;
        }, ct);

    async Task AddOnceAsync(PreviewRoute route, CancellationToken ct)
    {
        await EnsureServerAsync(ct);
        await RemoveOnceAsync(route, ct);
        var definition = new JsonObject
        {
            ["@id"] = route.Id,
            ["match"] = new JsonArray(new JsonObject { ["host"] = new JsonArray(route.Host) }),
            ["handle"] = new JsonArray(new JsonObject
            {
                ["handler"] = "reverse_proxy",
                ["upstreams"] = new JsonArray(new JsonObject { ["dial"] = $"127.0.0.1:{route.Port}" }),
            }),
            ["terminal"] = true,
        };
        var routes = $"config/apps/http/servers/{Server}/routes";
        using var response = await SendAsync(HttpMethod.Post, routes, definition, ct);
        if (!response.IsSuccessStatusCode) await ThrowAsync(response, $"POST {routes}", ct);
    }

    async Task RemoveOnceAsync(PreviewRoute route, CancellationToken ct)
    {
        using var response = await http.DeleteAsync(Admin($"id/{route.Id}"), ct);
        // Caddy answers an unknown @id with 404 (older versions: 500 "unknown object ID"): already gone.
        if (!response.IsSuccessStatusCode && !await IsUnknownIdAsync(response, ct)) await ThrowAsync(response, "remove the route", ct);
    }

    public IReadOnlyDictionary<string, string> LabelsFor(PreviewRoute route) => new Dictionary<string, string>();

    public void Dispose()
    {
        http.Dispose();
        serverGate.Dispose();
    }

    /// <summary>
    /// Creates Catalyst's server (and the http app above it) when the proxy has none yet: a restarted Caddy starts
    /// empty. Other processes (agent replicas, a second Catalyst) share the proxy, so creation is a PUT of the
    /// deepest missing level: Caddy refuses it when that key appeared meanwhile, and the lost race is read again
    /// instead of overwriting the routes the winner has added since.
    /// </summary>
    async Task EnsureServerAsync(CancellationToken ct)
    {
        await serverGate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await ExistsAtAsync($"config/apps/http/servers/{Server}", ct)) return;
                JsonNode server = new JsonObject
                {
                    ["listen"] = new JsonArray($"127.0.0.1:{Routing.PublicPort}"),
                    ["routes"] = new JsonArray(),
                    ["automatic_https"] = new JsonObject { ["disable"] = true },
                };
                var (path, value) =
                    await ExistsAtAsync("config/apps/http/servers", ct) ? ($"config/apps/http/servers/{Server}", server)
                    : await ExistsAtAsync("config/apps/http", ct) ? ("config/apps/http/servers", new JsonObject { [Server] = server })
                    : await ExistsAtAsync("config/apps", ct) ? ("config/apps/http", new JsonObject { ["servers"] = new JsonObject { [Server] = server } })
                    : ("config/apps", (JsonNode)new JsonObject { ["http"] = new JsonObject { ["servers"] = new JsonObject { [Server] = server } } });
                using var response = await SendAsync(HttpMethod.Put, path, value, ct);
                if (response.IsSuccessStatusCode) return;
                if (attempt == 3 || !(await response.Content.ReadAsStringAsync(ct)).Contains("key already exists", StringComparison.OrdinalIgnoreCase))
                    await ThrowAsync(response, $"PUT {path}", ct);
            }
        }
        finally { serverGate.Release(); }
    }

    async Task<bool> ExistsAtAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(Admin(path), ct);
        if (!response.IsSuccessStatusCode) return false;
        return (await response.Content.ReadAsStringAsync(ct)).Trim() is { Length: > 0 } body && body != "null";
    }

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, Admin(path)) { Content = JsonContent.Create(body) };
        return await http.SendAsync(request, ct);
    }

    Uri Admin(string path) => new(new Uri(Routing.CaddyAdminUrl.TrimEnd('/') + "/"), path);

    static async Task<bool> IsUnknownIdAsync(HttpResponseMessage response, CancellationToken ct) =>
        response.StatusCode == HttpStatusCode.NotFound
        || (await response.Content.ReadAsStringAsync(ct)).Contains("unknown object ID", StringComparison.OrdinalIgnoreCase);

    static async Task ThrowAsync(HttpResponseMessage response, string action, CancellationToken ct) =>
        throw new PreviewRoutingException($"Caddy refused to {action}: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(ct)).Trim()}");
}

public sealed class PreviewRoutingException(string message) : Exception(message);
