using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Catalyst.Tests.Previews;

/// <summary>A user's first minutes with a generated app that has accounts, over HTTP: register, log in, create a record, list it.</summary>
public static class TodoApi
{
    public static async Task RegisterLogInCreateAndListAsync(HttpClient http, Uri app, CancellationToken ct)
    {
        var schema = JsonNode.Parse(await http.GetStringAsync(new Uri(app, "schema.json"), ct))!;
        Assert.True((bool)schema["auth"]!);
        var credentials = new { email = "ada@example.com", password = "correct horse battery" };
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(new Uri(app, "api/auth/register"), credentials, ct)).StatusCode);
        var login = await http.PostAsJsonAsync(new Uri(app, "api/auth/login"), credentials, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync(ct))!["token"]!;

        var entity = schema["entities"]!.AsArray().OfType<JsonObject>().First();
        var route = new Uri(app, $"api/{(string)entity["route"]!}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(route, ct)).StatusCode);
        var record = SampleRecord.For(entity);
        using var create = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(record) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var createdResponse = await http.SendAsync(create, ct);
        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        var created = JsonNode.Parse(await createdResponse.Content.ReadAsStringAsync(ct))!;

        using var list = new HttpRequestMessage(HttpMethod.Get, route);
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var items = JsonNode.Parse(await (await http.SendAsync(list, ct)).Content.ReadAsStringAsync(ct))!.AsArray();
        Assert.Contains(items, i => (string?)i!["id"] == (string?)created["id"]);
    }
}
