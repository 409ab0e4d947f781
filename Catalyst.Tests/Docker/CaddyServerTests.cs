using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Docker;

public sealed class CaddyServerTests(CaddyServerFixture caddy)
{
    [Fact]
    public async Task The_admin_api_answers_on_its_loopback_port_with_nothing_else_configured()
    {
        var server = await caddy.GetAsync();
        using var http = new HttpClient();

        var config = JsonNode.Parse(await http.GetStringAsync($"{server.AdminUrl}/config/", TestContext.Current.CancellationToken))!;

        Assert.Equal(server.AdminUrl, $"http://{(string?)config["admin"]?["listen"]}");
        Assert.Null(config["apps"]);
        Assert.NotEqual(new Uri(server.AdminUrl).Port, server.HttpPort);
    }
}
