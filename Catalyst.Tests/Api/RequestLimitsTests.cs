using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Api;

/// <summary>What keeps one caller from exhausting the machine, and what keeps strangers out of the live feeds.</summary>
public sealed class RequestLimitsTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        return problem;
    }

    [Fact]
    public async Task A_flood_of_submissions_gets_429_with_Retry_After_and_nothing_past_the_limit_is_saved()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), settings: new Dictionary<string, string?>
        {
            ["Catalyst:Limits:SubmissionsPerWindow"] = "3",
            ["Catalyst:Limits:SubmissionWindow"] = "00:10:00",
        });
        var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.PostAsJsonAsync("/api/tasks", new { prompt = $"a notes app {i}" }, Ct)).StatusCode);
        using var flooded = await client.PostAsJsonAsync("/api/tasks", new { prompt = "one more" }, Ct);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 3), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var problem = await ProblemAsync(flooded, HttpStatusCode.TooManyRequests);
        Assert.Contains("At most 3", (string?)problem["detail"]);
        Assert.True(flooded.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {flooded.Headers.RetryAfter}");
        Assert.Equal(3, (int?)JsonNode.Parse(await client.GetStringAsync("/api/tasks", Ct))!["total"]);
        // Chat messages start work too, and share the caller's allowance.
        await ProblemAsync(await client.PostAsJsonAsync("/api/chat", new { message = "build a recipe book" }, Ct), HttpStatusCode.TooManyRequests);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/api/conversations", Ct))!["items"]!.AsArray());
        // Reading is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_is_read()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), settings: new Dictionary<string, string?>
        {
            ["Catalyst:Limits:MaxRequestBodyBytes"] = "4096",
        });
        var client = api.CreateClient();
        var body = $$"""{"prompt": "{{new string('a', 10_000)}}"}""";

        using var response = await client.PostAsync("/api/tasks", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4,096", (string?)problem["detail"]);
        Assert.DoesNotContain("aaaa", problem.ToJsonString());
        Assert.Equal(0, (int?)JsonNode.Parse(await client.GetStringAsync("/api/tasks", Ct))!["total"]);
    }

    [Fact]
    public async Task With_an_API_key_the_streams_the_socket_and_progress_need_it_too()
    {
        const string key = "feed-key-0123456789";
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), apiKey: key);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var created = await client.PostAsJsonAsync("/api/tasks", new { prompt = "a notes app" }, Ct);
        var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;
        var stranger = api.CreateClient();

        foreach (var url in new[] { $"/api/events/{taskId}/stream", $"/ws/{taskId}", $"/api/tasks/{taskId}/progress", $"/api/events/{taskId}" })
        {
            using var response = await stranger.GetAsync(url, Ct);
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.DoesNotContain(key, problem.ToJsonString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/tasks/{taskId}/progress", Ct)).StatusCode);
    }
}
