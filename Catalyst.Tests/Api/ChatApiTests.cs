using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Npgsql;

namespace Catalyst.Tests.Api;

/// <summary>
/// POST /api/chat and the conversations it keeps, over HTTP against a real PostgreSQL. No agent runs (the tests are
/// about routing and answering, not building), so a started task stays queued until a test gives it a state.
/// </summary>
public sealed class ChatApiTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed class ChatApi(string connectionString, Dictionary<string, string?>? settings = null) : IAsyncDisposable
    {
        readonly CatalystApiFactory factory = new(connectionString,
            settings: new Dictionary<string, string?>(settings ?? []) { ["Catalyst:Agents:Enabled"] = "none" });

        public string ConnectionString => connectionString;
        public HttpClient Client => client ??= factory.CreateClient();
        HttpClient? client;

        public async Task<JsonObject> SayAsync(string message, string? conversationId = null)
        {
            var response = await Client.PostAsJsonAsync("/api/chat", new { conversation_id = conversationId, message });
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await ReadJsonAsync(response);
        }

        public async Task<JsonObject> GetAsync(string path) => JsonNode.Parse(await Client.GetStringAsync(path))!.AsObject();

        public async ValueTask DisposeAsync() => await factory.DisposeAsync();
    }

    async Task<ChatApi> StartAsync() => new(await postgres.CreateMigratedDatabaseAsync());

    [Fact]
    public async Task A_build_request_starts_a_task_through_the_tasks_path_and_opens_a_conversation()
    {
        await using var api = await StartAsync();

        var reply = await api.SayAsync("build a todo app with login");

        Assert.Equal("build", (string?)reply["intent"]);
        var taskId = (string)reply["task_id"]!;
        var conversationId = (string)reply["conversation_id"]!;
        Assert.Contains(taskId, (string?)reply["reply"]);
        var task = await api.GetAsync($"/api/tasks/{taskId}");
        Assert.Equal("build a todo app with login", (string?)task["prompt"]);
        Assert.Equal("queued", (string?)task["status"]);
        Assert.Equal((string?)reply["project_id"], (string?)task["project_id"]);
        Assert.Equal("todo-app", (string?)task["project_name"]); // named by the same namer as POST /api/tasks
        var events = JsonNode.Parse(await api.Client.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray();
        Assert.Equal("task.initiated", (string?)Assert.Single(events)!["event_type"]);

        var conversation = await api.GetAsync($"/api/conversations/{conversationId}");
        Assert.Equal("build a todo app with login", (string?)conversation["title"]);
        Assert.Equal(taskId, (string?)conversation["context"]!["current_task_id"]);
        Assert.Equal((string?)reply["project_id"], (string?)conversation["context"]!["current_project_id"]);
        Assert.Equal(taskId, (string?)conversation["current_task"]!["id"]);
        var messages = conversation["messages"]!.AsArray();
        Assert.Equal(["user", "assistant"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("build a todo app with login", (string?)messages[0]!["content"]);
        Assert.Equal((string?)reply["reply"], (string?)messages[1]!["content"]);
        Assert.Equal(taskId, (string?)messages[0]!["task_id"]);
        Assert.Equal(taskId, (string?)messages[1]!["task_id"]);
        Assert.NotNull(messages[0]!["created_at"]);
    }

    [Fact]
    public async Task A_follow_up_starts_a_new_task_on_the_same_project()
    {
        await using var api = await StartAsync();
        var first = await api.SayAsync("build a todo app");
        var conversationId = (string)first["conversation_id"]!;

        var followUp = await api.SayAsync("now add a due date to todos", conversationId);

        Assert.Equal("follow_up", (string?)followUp["intent"]);
        Assert.Equal((string?)first["project_id"], (string?)followUp["project_id"]);
        var taskId = (string)followUp["task_id"]!;
        Assert.NotEqual((string?)first["task_id"], taskId);
        Assert.Contains($"previous task {first["task_id"]} on this project is still queued", (string?)followUp["reply"]);
        var task = await api.GetAsync($"/api/tasks/{taskId}");
        Assert.Equal((string?)first["project_id"], (string?)task["project_id"]);
        Assert.Equal("now add a due date to todos", (string?)task["prompt"]);
        Assert.Equal(1L, await CountAsync(api.ConnectionString, "projects"));

        var conversation = await api.GetAsync($"/api/conversations/{conversationId}");
        Assert.Equal(taskId, (string?)conversation["context"]!["current_task_id"]);
        Assert.Equal(4, conversation["messages"]!.AsArray().Count);

        // a new app in the same conversation is a new project, and later changes go to it
        var other = await api.SayAsync("I want a habit tracker", conversationId);
        Assert.Equal("build", (string?)other["intent"]);
        Assert.NotEqual((string?)first["project_id"], (string?)other["project_id"]);
        var change = await api.SayAsync("rename title to name", conversationId);
        Assert.Equal("follow_up", (string?)change["intent"]);
        Assert.Equal((string?)other["project_id"], (string?)change["project_id"]);
    }

    [Fact]
    public async Task Questions_are_answered_from_the_current_tasks_state_without_starting_a_task()
    {
        await using var api = await StartAsync();
        var built = await api.SayAsync("build a todo app");
        var conversationId = (string)built["conversation_id"]!;
        var taskId = Guid.Parse((string)built["task_id"]!);

        var queued = await api.SayAsync("what's the status?", conversationId);
        Assert.Equal("question", (string?)queued["intent"]);
        Assert.Contains("is queued", (string?)queued["reply"]);
        Assert.Null(queued["task_id"]);

        await ExecuteAsync(api.ConnectionString, "UPDATE tasks SET status = 'failed', failure_reason = @reason WHERE id = @id",
            ("reason", "The generated tests did not compile: CS0103 in TodoTests.cs."), ("id", taskId));
        var failed = await api.SayAsync("what failed?", conversationId);
        Assert.Equal("question", (string?)failed["intent"]);
        Assert.Contains("CS0103 in TodoTests.cs", (string?)failed["reply"]);
        var noPreview = await api.SayAsync("where is my app?", conversationId);
        Assert.Contains("no preview yet", (string?)noPreview["reply"]);

        await ExecuteAsync(api.ConnectionString, """
            UPDATE tasks SET status = 'completed', failure_reason = NULL, preview_url = 'http://todo-app-1.localhost:9000',
                metadata = jsonb_build_object('result', jsonb_build_object(
                    'preview_url', 'http://todo-app-1.localhost:9000', 'direct_url', 'http://localhost:9012/',
                    'tests', jsonb_build_object('total', 14, 'passed', 13, 'failed', 1, 'skipped', 0, 'coverage', 0.82, 'e2e_passed', true),
                    'review', jsonb_build_object('score', 87, 'issues', jsonb_build_array('long method'))))
            WHERE id = @id
            """, ("id", taskId));
        var where = await api.SayAsync("where is my app?", conversationId);
        Assert.Contains("running at http://todo-app-1.localhost:9000", (string?)where["reply"]);
        var tests = await api.SayAsync("show me the tests", conversationId);
        Assert.Equal("question", (string?)tests["intent"]);
        Assert.Contains("13 of 14 passed, 1 failed", (string?)tests["reply"]);
        Assert.Contains("82%", (string?)tests["reply"]);
        var review = await api.SayAsync("what was the review score?", conversationId);
        Assert.Contains("87/100", (string?)review["reply"]);
        var status = await api.SayAsync("what's the status?", conversationId);
        Assert.Contains("is completed", (string?)status["reply"]);
        Assert.Contains("http://todo-app-1.localhost:9000", (string?)status["reply"]);

        Assert.Equal(1L, await CountAsync(api.ConnectionString, "tasks"));
        Assert.Equal(2 * 8, (await api.GetAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task With_a_model_a_question_is_answered_by_it_from_the_tasks_facts_and_the_rules_answer_when_it_fails()
    {
        await using var server = await ModelServer.StartAsync();
        const string modelReply = "The generated tests did not compile (CS0103 in TodoTests.cs). Say \"fix it\" and I will try again.";
        server.Enqueue(new ModelAnswer(modelReply));
        await using var api = new ChatApi(await postgres.CreateMigratedDatabaseAsync(), new()
        {
            ["ConnectionStrings:llm"] = server.ConnectionString(),
            ["Catalyst:Llm:AttemptTimeout"] = "00:00:02",
            ["Catalyst:Llm:TotalTimeout"] = "00:00:05",
            ["Catalyst:Llm:CacheExpiration"] = "00:00:00", // the same question twice must reach the model twice
        });
        var built = await api.SayAsync("build a todo app");
        var conversationId = (string)built["conversation_id"]!;
        await ExecuteAsync(api.ConnectionString, "UPDATE tasks SET status = 'failed', failure_reason = @reason WHERE id = @id",
            ("reason", "The generated tests did not compile: CS0103 in TodoTests.cs."), ("id", Guid.Parse((string)built["task_id"]!)));

        var answered = await api.SayAsync("what failed?", conversationId);
        Assert.Equal(modelReply, (string?)answered["reply"]);
        var request = Assert.Single(server.Requests);
        Assert.Contains("what failed?", request.Text);
        Assert.Contains("CS0103 in TodoTests.cs", request.Text); // the facts it was given

        // The script is empty now: the server answers 500, retried until the total timeout, and the rules answer instead.
        var fallback = await api.SayAsync("what failed?", conversationId);
        Assert.Contains("CS0103 in TodoTests.cs", (string?)fallback["reply"]);
        Assert.NotEqual(modelReply, (string?)fallback["reply"]);
        var calls = (await api.GetAsync("/api/costs"))["latest_calls"]!.AsArray();
        Assert.All(calls, c => Assert.Equal("chat", (string?)c!["agent"]));
        Assert.Equal(["timeout", "ok"], calls.Select(c => (string)c!["outcome"]!)); // retried on 500 until the total timeout
    }

    [Fact]
    public async Task A_question_in_a_conversation_without_a_task_says_so()
    {
        await using var api = await StartAsync();

        var reply = await api.SayAsync("what's the status?");

        Assert.Equal("question", (string?)reply["intent"]);
        Assert.Contains("no task yet", (string?)reply["reply"]);
        Assert.Null(reply["task_id"]);
        Assert.Null(reply["project_id"]);
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "tasks"));
    }

    [Fact]
    public async Task Analyze_of_a_target_no_scanner_accepts_says_why_and_starts_nothing()
    {
        await using var api = await StartAsync();

        var reply = await api.SayAsync("analyze ftp://example.com/blog.git");

        Assert.Equal("analyze", (string?)reply["intent"]);
        Assert.Contains("cannot analyze ftp://example.com/blog.git: 'ftp' URLs cannot be cloned", (string?)reply["reply"]);
        Assert.Null(reply["task_id"]);
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "tasks"));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("help")]
    [InlineData("zxqv blorp wumf")]
    public async Task Anything_else_gets_help_with_example_requests(string message)
    {
        await using var api = await StartAsync();

        var reply = await api.SayAsync(message);

        Assert.Equal("help", (string?)reply["intent"]);
        Assert.Contains("\"build a todo app with login\"", (string?)reply["reply"]);
        Assert.Contains("\"now add a due date to todos\"", (string?)reply["reply"]);
        Assert.Null(reply["task_id"]);
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "tasks"));
    }

    [Fact]
    public async Task A_change_with_no_app_in_the_conversation_asks_for_the_app_first()
    {
        await using var api = await StartAsync();

        var reply = await api.SayAsync("add tags");

        Assert.Equal("help", (string?)reply["intent"]);
        Assert.Contains("no app in this conversation to change yet", (string?)reply["reply"]);
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "tasks"));
    }

    [Fact]
    public async Task Conversations_are_listed_newest_first_in_pages()
    {
        await using var api = await StartAsync();
        var ids = new List<string>();
        foreach (var message in new[] { "hello", "help", "what can you do?" })
            ids.Add((string)(await api.SayAsync(message))["conversation_id"]!);

        var first = await api.GetAsync("/api/conversations?page=1&page_size=2");
        var second = await api.GetAsync("/api/conversations?page=2&page_size=2");

        Assert.Equal(3, (int?)first["total"]);
        Assert.Equal([ids[2], ids[1]], first["items"]!.AsArray().Select(c => (string)c!["id"]!));
        var last = Assert.Single(second["items"]!.AsArray())!;
        Assert.Equal(ids[0], (string?)last["id"]);
        Assert.Equal("hello", (string?)last["title"]);
        Assert.Equal(2, (int?)last["message_count"]);
        Assert.Null(last["context"]!["current_task_id"]);
    }

    [Fact]
    public async Task An_unknown_conversation_is_a_404_problem_and_nothing_is_written()
    {
        await using var api = await StartAsync();
        var id = Guid.NewGuid();

        var posted = await api.Client.PostAsJsonAsync("/api/chat", new { conversation_id = id, message = "build a todo app" }, Ct);
        var read = await api.Client.GetAsync($"/api/conversations/{id}", Ct);

        foreach (var response in new[] { posted, read })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(id.ToString(), (string?)(await ReadJsonAsync(response))["detail"]);
        }
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "conversations"));
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "tasks"));
    }

    public static TheoryData<string, string, bool> RejectedBodies => new()
    {
        { """{"message":""}""", "message is required", true },
        { """{"message":" \n\t "}""", "message is required", true },
        { """{}""", "message is required", true },
        { $$"""{"message":"{{new string('x', 20_001)}}"}""", "limit is 20,000", true },
        { """{"message": "unterminated""", "not valid JSON", false },
        { """{"message": 42}""", "The field \"message\" must be a string.", true },
        { """{"message": "hi", "conversation_id": "not-a-guid"}""", "The field \"conversation_id\" must be a UUID", false },
    };

    [Theory]
    [MemberData(nameof(RejectedBodies))]
    public async Task Bad_input_gets_a_problem_with_a_clear_detail_and_writes_nothing(string body, string expectedDetail, bool listsErrors)
    {
        await using var api = await StartAsync();

        var response = await api.Client.PostAsync("/api/chat", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Contains(expectedDetail, (string?)problem["detail"]);
        if (listsErrors) Assert.NotNull(problem["errors"]!["message"]);
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "conversations"));
        Assert.Equal(0L, await CountAsync(api.ConnectionString, "tasks"));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page_size=201")]
    public async Task Out_of_range_paging_is_a_400_problem(string query)
    {
        await using var api = await StartAsync();
        var response = await api.Client.GetAsync($"/api/conversations?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)(await ReadJsonAsync(response))["detail"]));
    }

    [Fact]
    public async Task The_chat_endpoints_are_described_in_openapi()
    {
        await using var api = await StartAsync();
        var openApi = await api.GetAsync("/openapi/v1.json");
        Assert.NotNull(openApi["paths"]!["/api/chat"]!["post"]);
        Assert.NotNull(openApi["paths"]!["/api/conversations"]!["get"]);
        Assert.NotNull(openApi["paths"]!["/api/conversations/{id}"]!["get"]);
    }

    static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }
}
