using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Docker;

public sealed class CaddyServerTests(CaddyServerFixture caddy)
{
    [Fact]
    public async Task The_admin_api_answers_on_its_loopback_port_and_serves_no_site_of_its_own()
    {
        var server = await caddy.GetAsync();
        using var http = new HttpClient();

        var config = JsonNode.Parse(await http.GetStringAsync($"{server.AdminUrl}/config/", TestContext.Current.CancellationToken))!;

        Assert.Equal(server.AdminUrl, $"http://{(string?)config["admin"]?["listen"]}");
        // The Caddy is shared by the run: the preview tests add Catalyst's own server, and nothing else may be there.
        var servers = config["apps"]?["http"]?["servers"]?.AsObject().Select(s => s.Key) ?? [];
        Assert.All(servers, name => Assert.Equal("catalyst", name));
        Assert.NotEqual(new Uri(server.AdminUrl).Port, server.HttpPort);
    }
}
