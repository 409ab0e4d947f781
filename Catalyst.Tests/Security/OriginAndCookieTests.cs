using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;

namespace Catalyst.Tests.Security;

/// <summary>
/// A generated app's preview runs on another port of the same host: the same site to the browser, which sends it
/// the Api's cookie and lets it open WebSockets anywhere. Neither may let it follow a task or act as the user.
/// </summary>
public sealed class OriginAndCookieTests(PostgresServerFixture postgres)
{
    const string Key = "origin-test-key";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_in_cookie_is_not_the_key_and_is_HttpOnly_Strict_and_Secure_over_https()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), apiKey: Key);

        foreach (var (scheme, secure) in new[] { ("http", false), ("https", true) })
        {
            var browser = api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri($"{scheme}://localhost") });
            var signIn = await browser.GetAsync($"/?api_key={Key}", Ct);

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith("catalyst_session=", setCookie);
            Assert.DoesNotContain(Key, setCookie);
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(secure, setCookie.Contains("secure", StringComparison.OrdinalIgnoreCase));

            // The cookie signs the browser in; the raw key in its place does not.
            var session = setCookie.Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(browser, HttpMethod.Get, "/api/tasks", ("Cookie", session))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(browser, HttpMethod.Get, "/api/tasks", ("Cookie", $"catalyst_session={Key}"))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(browser, HttpMethod.Get, "/api/tasks", ("Cookie", $"catalyst_api_key={Key}"))).StatusCode);
        }
    }

    [Fact]
    public async Task A_task_feed_WebSocket_opens_only_from_the_Api_s_own_origin_or_an_allowed_one()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), apiKey: Key,
            new Dictionary<string, string?> { ["Catalyst:AllowedOrigins:0"] = "https://dash.example.com" });
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var created = await client.PostAsJsonAsync("/api/tasks", new { prompt = "build a todo app" }, Ct);
        var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;
        var session = await SignInAsync(api);

        Assert.Equal(101, await UpgradeAsync(api, taskId, origin: "http://localhost", session));
        Assert.Equal(101, await UpgradeAsync(api, taskId, origin: "https://dash.example.com", session));
        Assert.Equal(101, await UpgradeAsync(api, taskId, origin: null, session)); // not a browser
        Assert.Equal(403, await UpgradeAsync(api, taskId, origin: "http://evil.example", session));
        Assert.Equal(403, await UpgradeAsync(api, taskId, origin: "http://localhost:9001", session)); // a preview's port
        Assert.Equal(403, await UpgradeAsync(api, taskId, origin: "null", session));
    }

    [Fact]
    public async Task A_cookie_signed_write_from_another_origin_is_refused()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var api = new CatalystApiFactory(connectionString, apiKey: Key);
        var session = await SignInAsync(api);
        var browser = api.CreateClient();

        var forged = await SendAsync(browser, HttpMethod.Post, "/api/tasks", ("Cookie", session), ("Origin", "http://localhost:9001"));
        var own = await SendAsync(browser, HttpMethod.Post, "/api/tasks", ("Cookie", session), ("Origin", "http://localhost"));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http://localhost:9001", (string?)JsonNode.Parse(await forged.Content.ReadAsStringAsync(Ct))!["detail"]);
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    static async Task<string> SignInAsync(CatalystApiFactory api)
    {
        var signIn = await api.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/?api_key={Key}", Ct);
        return signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { prompt = "build a todo app" });
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>The status the upgrade got: 101 when the socket opened.</summary>
    static async Task<int> UpgradeAsync(CatalystApiFactory api, string taskId, string? origin, string session)
    {
        var sockets = api.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request =>
        {
            request.Headers.Cookie = session;
            if (origin is not null) request.Headers.Origin = origin;
        };
        try
        {
            using var socket = await sockets.ConnectAsync(new Uri(api.Server.BaseAddress, $"ws/{taskId}"), Ct);
            return 101;
        }
        catch (InvalidOperationException refused) when (refused.Message.Contains("status code"))
        {
            return int.Parse(refused.Message[(refused.Message.LastIndexOf(' ') + 1)..].Trim('.'));
        }
    }
}
