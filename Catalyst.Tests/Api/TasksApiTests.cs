using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Npgsql;

namespace Catalyst.Tests.Api;

public sealed class TasksApiTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_posted_task_is_accepted_and_reads_back()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/tasks", new { prompt = "build a todo app with login", project_name = "Todo" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await ReadJsonAsync(response);
        var id = (string)created["task_id"]!;
        Assert.Equal("queued", (string?)created["status"]);
        Assert.True(Guid.TryParse((string?)created["trace_id"], out _));
        Assert.Equal($"/api/tasks/{id}", response.Headers.Location?.OriginalString);

        var task = await ReadJsonAsync(await client.GetAsync($"/api/tasks/{id}", Ct));
        Assert.Equal("build a todo app with login", (string?)task["prompt"]);
        Assert.Equal("Todo", (string?)task["project_name"]);
        Assert.Equal((string?)created["trace_id"], (string?)task["trace_id"]);

        var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{id}", Ct))!.AsArray();
        var initiated = Assert.Single(events)!;
        Assert.Equal("task.initiated", (string?)initiated["event_type"]);
        Assert.Equal("orchestrator", (string?)initiated["actor"]);
        Assert.Equal("v1", (string?)initiated["version"]);
    }

    [Fact]
    public async Task Tasks_are_listed_in_pages()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++) await client.PostAsJsonAsync("/api/tasks", new { prompt = $"app number {i}" }, Ct);

        var page = await ReadJsonAsync(await client.GetAsync("/api/tasks?page=2&page_size=2", Ct));

        Assert.Equal(3, (int?)page["total"]);
        Assert.Equal(2, (int?)page["page"]);
        Assert.Equal("app number 0", (string?)Assert.Single(page["items"]!.AsArray())!["prompt"]);
    }

    public static TheoryData<string, string> RejectedBodies => new()
    {
        { """{"prompt":""}""", "prompt is required" },
        { """{"prompt":"   \n\t "}""", "prompt is required" },
        { $$"""{"prompt":"{{new string('x', 20_001)}}"}""", "limit is 20,000" },
        { """{"prompt":"build it","project_name":"../.."}""", "at least one letter or digit" },
        { """{"prompt": "unterminated""", "not valid JSON" },
        { """[1, 2, 3]""", "The request body must be a JSON object." },
        { """{"prompt": 42}""", "The field \"prompt\" must be a string." },
    };

    [Theory]
    [MemberData(nameof(RejectedBodies))]
    public async Task Bad_input_gets_a_problem_with_a_clear_detail_and_writes_nothing(string body, string expectedDetail)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var api = new CatalystApiFactory(connectionString);

        var response = await api.CreateClient().PostAsync("/api/tasks", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Contains(expectedDetail, (string?)problem["detail"]);
        Assert.Equal(0L, await CountAsync(connectionString, "tasks"));
        Assert.Equal(0L, await CountAsync(connectionString, "projects"));
        Assert.Equal(0L, await CountAsync(connectionString, "agent_events"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_a_problem()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var response = await api.CreateClient().PostAsync("/api/tasks", new StringContent("prompt=hello", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", (string?)(await ReadJsonAsync(response))["detail"]);
    }

    [Theory]
    [InlineData("/api/tasks/{0}")]
    [InlineData("/api/events/{0}")]
    public async Task An_unknown_task_is_a_404_problem(string route)
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var id = Guid.NewGuid();

        var response = await api.CreateClient().GetAsync(string.Format(route, id), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id.ToString(), (string?)(await ReadJsonAsync(response))["detail"]);
    }

    [Fact]
    public async Task A_malformed_task_id_is_a_404_problem()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var response = await api.CreateClient().GetAsync("/api/tasks/not-a-guid", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page_size=0")]
    [InlineData("page_size=1000")]
    public async Task Out_of_range_paging_is_a_400_problem(string query)
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var response = await api.CreateClient().GetAsync($"/api/tasks?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)(await ReadJsonAsync(response))["detail"]));
    }

    [Fact]
    public async Task Health_openapi_and_the_home_page_are_served()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var client = api.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health", Ct));
        Assert.Equal("Healthy", await client.GetStringAsync("/alive", Ct));
        var openApi = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Ct))!;
        Assert.NotNull(openApi["paths"]!["/api/tasks"]!["post"]);
        Assert.NotNull(openApi["paths"]!["/api/tasks/{id}"]!["get"]);
        Assert.NotNull(openApi["paths"]!["/api/events/{taskId}"]!["get"]);
        Assert.Contains("What should we build?", await client.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task With_an_api_key_requests_without_it_are_refused()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync(), apiKey: "s3cret-key");
        var client = api.CreateClient();

        var anonymous = await client.GetAsync("/api/tasks", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/", Ct)).StatusCode); // the UI too

        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret-key");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health", Ct)).StatusCode);

        var browser = api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await browser.GetAsync("/?api_key=s3cret-key", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Ct)).StatusCode);
    }

    static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
