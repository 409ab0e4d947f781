using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer;
using Catalyst.Agents.Deployer.Routing;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Previews;

/// <summary>
/// The Caddy router against a real, empty Caddy of its own (the run's shared one already has Catalyst's server,
/// so the race below could not happen there).
/// </summary>
public sealed class CaddyPreviewRouterTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routers_of_several_processes_registering_at_once_on_an_empty_proxy_keep_every_route()
    {
        if (!CaddyServer.IsInstalled) RequiredServer.Unavailable("Caddy", $"{CaddyServer.Binary} was not found.");
        await using var caddy = new CaddyServer();
        await caddy.StartAsync(Ct);
        var options = Options.Create(new PreviewOptions
        {
            Routing = new() { Provider = PreviewRoutingProvider.Caddy, CaddyAdminUrl = caddy.AdminUrl, PublicPort = caddy.HttpPort },
        });
        // One router per process, as the agent replicas of a distributed run each have their own.
        var routers = Enumerable.Range(0, 4).Select(_ => new CaddyPreviewRouter(options)).ToArray();
        var routes = Enumerable.Range(0, 4).Select(i => new PreviewRoute(Guid.NewGuid(), $"app-{i}", $"app-{i}.localhost", 9100 + i)).ToArray();
        try
        {
            await Task.WhenAll(routers.Zip(routes, (router, route) => router.AddAsync(route, Ct)));

            foreach (var route in routes) Assert.True(await routers[0].ExistsAsync(route, Ct), $"{route.Id} was lost");
            using var http = new HttpClient();
            var config = JsonNode.Parse(await http.GetStringAsync($"{caddy.AdminUrl}/config/apps/http/servers", Ct))!.AsObject();
            Assert.Equal(["catalyst"], config.Select(s => s.Key));
            Assert.Equal(routes.Length, config["catalyst"]!["routes"]!.AsArray().Count);

            await routers[1].RemoveAsync(routes[0], Ct);
            Assert.False(await routers[2].ExistsAsync(routes[0], Ct));
            Assert.True(await routers[2].ExistsAsync(routes[1], Ct));
        }
        finally
        {
            foreach (var router in routers) router.Dispose();
        }
    }
}
