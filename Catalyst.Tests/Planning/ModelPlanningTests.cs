using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Catalyst.Tests.Planning;

/// <summary>
/// The Planner with a model configured, against the tests' own model server: the model's reading is the plan when
/// it validates, an invalid one is sent back once and then the offline reading stands with a note, failures and
/// the budget fall back the same way, and every call is in llm_calls with the tokens the server reported.
/// </summary>
public sealed class ModelPlanningTests(PostgresServerFixture postgres)
{
    const string Prompt = "a birding journal";
    const string Model = "catalyst-test-model";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static readonly JsonObject BirdingSpec = new()
    {
        ["kind"] = "crud",
        ["title"] = "Birding Journal",
        ["entities"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "Sighting",
                ["fields"] = new JsonArray(
                    new JsonObject { ["name"] = "species", ["type"] = "string", ["required"] = true },
                    new JsonObject { ["name"] = "place", ["type"] = "string" },
                    new JsonObject { ["name"] = "count", ["type"] = "integer", ["minimum"] = 1 },
                    new JsonObject { ["name"] = "seen on", ["type"] = "date" }),
            }),
    };

    static Dictionary<string, string?> Settings(ModelServer server, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:llm"] = server.ConnectionString(model: Model),
            [$"Catalyst:Llm:Prices:{Model}:InputPerMillion"] = "2",
            [$"Catalyst:Llm:Prices:{Model}:OutputPerMillion"] = "8",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    static async Task<(JsonObject Spec, JsonArray Notes)> PlanAsync(PlanningApi api)
    {
        var taskId = (string)(await api.SubmitAsync(new { prompt = Prompt, approve_plan = true }))["task_id"]!;
        await api.WaitForStatusAsync(Guid.Parse(taskId), "awaiting_approval");
        var spec = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}/plan", Ct))!["spec"]!.AsObject();
        return (spec, spec["notes"]!.AsArray());
    }

    static async Task<JsonObject> CostsAsync(PlanningApi api) =>
        (await api.Client.GetFromJsonAsync<JsonObject>("/api/costs", Ct))!;

    [Fact]
    public async Task A_model_reading_that_validates_is_the_plan_and_its_call_is_metered_with_the_reported_tokens()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(ModelAnswer.Json(BirdingSpec, promptTokens: 1000, completionTokens: 500));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server));

        var (spec, notes) = await PlanAsync(api);

        var sighting = spec["entities"]!.AsArray().Single()!;
        Assert.Equal("Sighting", (string?)sighting["name"]);
        Assert.Equal(["species", "place", "count", "seenOn"], sighting["fields"]!.AsArray().Select(f => (string)f!["json_name"]!));
        Assert.Equal("integer", (string?)sighting["fields"]![2]!["type"]);
        Assert.Contains(notes, n => ((string)n!).Contains($"read by the model {Model}"));

        var request = Assert.Single(server.Requests);
        Assert.Equal(Model, (string?)request.Body["model"]);
        Assert.Equal("json_schema", (string?)request.Body["response_format"]?["type"]);
        Assert.Contains(Prompt, request.Text);
        Assert.Equal("Bearer sk-test-0123456789abcdef", request.Authorization);

        var costs = await CostsAsync(api);
        var call = costs["latest_calls"]!.AsArray().Single()!;
        Assert.Equal(("planner", 1000, 500, "ok"), ((string)call["agent"]!, (int)call["prompt_tokens"]!, (int)call["completion_tokens"]!, (string)call["outcome"]!));
        Assert.Equal(0.006m, (decimal)call["cost"]!); // 1000 × 2 + 500 × 8 per million
        var task = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{call["task_id"]}", Ct))!;
        Assert.Equal(0.006m, (decimal)task["cost_total"]!);
        Assert.DoesNotContain("sk-test-0123456789abcdef", costs.ToJsonString());
    }

    [Fact]
    public async Task Each_model_call_is_a_GenAI_span_with_the_model_and_the_tokens_in_the_tasks_trace()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(ModelAnswer.Json(BirdingSpec, promptTokens: 1000, completionTokens: 500));
        var spans = new Telemetry.ExportedSpans(); // spans end on many threads at once: a plain list is not safe
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server),
            services: s => s.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans)));

        await PlanAsync(api);

        var traceId = ((string)(await CostsAsync(api))["latest_calls"]![0]!["task_id"]!) is var taskId
            ? ((string)JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}", Ct))!["trace_id"]!).Replace("-", "")
            : null;
        // Activity sources are process-wide: other tests' hosts report here too, so only this task's trace counts.
        var span = Assert.Single(spans.Snapshot(), s => s.Source.Name == Core.Llm.AgentModels.TelemetrySource && s.TraceId.ToHexString() == traceId);
        Assert.Equal($"chat {Model}", span.DisplayName);
        Assert.Equal(Model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(1000, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens")));
        Assert.Equal(500, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens")));
    }

    [Fact]
    public async Task The_Architect_commits_the_models_design_notes_beside_the_generated_design()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(ModelAnswer.Json(BirdingSpec), new ModelAnswer("## Purpose\n\nA journal of bird sightings, one record per sighting."));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner,architect", extra: Settings(server));

        var created = await api.SubmitAsync(new { prompt = Prompt, project_name = "birding" });
        var proposed = await api.WaitForEventAsync(Guid.Parse((string)created["task_id"]!), "architecture.proposed");

        await using var repo = await api.RepositoryAsync("birding");
        var notes = await repo.Repository.ReadFileAsync((string)proposed["commit"]!, "architecture/design.md", Ct);
        Assert.NotNull(notes);
        Assert.Contains($"Written by {Model}", notes);
        Assert.Contains("A journal of bird sightings", notes);
        Assert.NotNull(await repo.Repository.ReadFileAsync((string)proposed["commit"]!, "architecture/api-contracts/openapi.yaml", Ct));
        var designRequest = server.Requests.Last().Text;
        Assert.Contains("Sighting", designRequest); // written around the validated spec
        Assert.Equal(2, (int)(await CostsAsync(api))["calls"]!);
    }

    [Fact]
    public async Task An_invalid_answer_is_sent_back_once_with_its_errors_then_the_offline_reading_stands_with_a_note()
    {
        await using var server = await ModelServer.StartAsync();
        var dangling = BirdingSpec.DeepClone().AsObject();
        dangling["entities"]![0]!["fields"]!.AsArray().Add(new JsonObject { ["name"] = "observer", ["type"] = "reference", ["references"] = "Birder" });
        server.Enqueue(new ModelAnswer("Sure! Here is the spec you asked for."), ModelAnswer.Json(dangling));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server));

        var (spec, notes) = await PlanAsync(api);

        Assert.Equal(2, server.Requests.Count);
        var retry = server.Requests.Last();
        Assert.Contains("not JSON in the spec", retry.Text);
        Assert.Contains(notes, n => ((string)n!).Contains("not a valid spec after 2 attempts") && ((string)n!).Contains("observer"));
        Assert.DoesNotContain(spec["entities"]!.AsArray(), e => (string?)e!["name"] == "Sighting");
        var costs = await CostsAsync(api);
        Assert.Equal(2, (int)costs["calls"]!);
        // Both calls fall in one task, one agent and one day, each totalled by the database.
        foreach (var grouping in new[] { "by_task", "by_agent", "by_model", "by_day" })
            Assert.Equal(2, (int)costs[grouping]!.AsArray().Single()!["calls"]!);
        Assert.Equal("planner", (string)costs["by_agent"]![0]!["key"]!);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd"), (string)costs["by_day"]![0]!["key"]!);
    }

    [Fact]
    public async Task A_refusal_is_handled_like_an_invalid_answer_and_the_offline_reading_stands_with_a_note()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(ModelAnswer.Refused("I can't help with that request."), ModelAnswer.Refused("I still can't help with that."));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server));

        var (spec, notes) = await PlanAsync(api);

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("refused to answer: I can't help with that request.", server.Requests.Last().Text); // sent back once, like an invalid answer
        Assert.Contains(notes, n => ((string)n!).Contains("not a valid spec after 2 attempts") && ((string)n!).Contains("refused")
            && ((string)n!).Contains("offline understanding was used"));
        Assert.DoesNotContain(spec["entities"]!.AsArray(), e => (string?)e!["name"] == "Sighting");
        Assert.Equal(2, (int)(await CostsAsync(api))["calls"]!);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_the_second_answer_is_used()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(ModelAnswer.TooManyRequests(retryAfterSeconds: 2), ModelAnswer.Json(BirdingSpec));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: Settings(server));
        var clock = Stopwatch.StartNew();

        var (spec, _) = await PlanAsync(api);

        Assert.Equal("Sighting", (string?)spec["entities"]![0]!["name"]);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"Retried after {clock.Elapsed.TotalSeconds:F1} s, before Retry-After.");
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_falls_back_to_the_offline_reading()
    {
        await using var server = await ModelServer.StartAsync();
        var slow = new ModelAnswer(BirdingSpec.ToJsonString(), Delay: TimeSpan.FromSeconds(30));
        server.Enqueue(slow, slow, slow, slow, slow);
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner",
            extra: Settings(server, ("Catalyst:Llm:AttemptTimeout", "00:00:01"), ("Catalyst:Llm:TotalTimeout", "00:00:03")));

        var (spec, notes) = await PlanAsync(api);

        Assert.Contains(notes, n => ((string)n!).Contains("did not answer in time") && ((string)n!).Contains("offline understanding was used"));
        Assert.DoesNotContain(spec["entities"]!.AsArray(), e => (string?)e!["name"] == "Sighting");
        var call = (await CostsAsync(api))["latest_calls"]!.AsArray().Single()!;
        Assert.Equal("timeout", (string?)call["outcome"]);
    }

    [Fact]
    public async Task A_budget_of_one_call_stops_model_use_after_that_call_and_the_log_says_so()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(new ModelAnswer("{ not json", PromptTokens: 1000, CompletionTokens: 500), ModelAnswer.Json(BirdingSpec));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner",
            extra: Settings(server, ("Catalyst:Llm:MaxCostPerTask", "0.006")));

        var (_, notes) = await PlanAsync(api);

        Assert.Single(server.Requests);
        Assert.Contains(notes, n => ((string)n!).Contains("MaxCostPerTask"));
        var taskId = (string)(await CostsAsync(api))["latest_calls"]![0]!["task_id"]!;
        var log = await api.Client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct);
        Assert.Contains("model budget", log);
    }

    [Theory]
    [InlineData("openai", false)]
    [InlineData("openai", true)]
    [InlineData("azure", false)]
    [InlineData("ollama", false)]
    [InlineData("ollama", true)]
    public async Task Each_provider_round_trips_through_the_agents_client_plain_and_streamed(string provider, bool streamed)
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(new ModelAnswer("A spec for a birding journal.", PromptTokens: 40, CompletionTokens: 9));
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner", extra: new()
        {
            ["ConnectionStrings:llm"] = server.ConnectionString(provider, Model),
        });
        var client = api.Services<Core.Llm.AgentModels>().For("chat", null)!;

        string text;
        if (streamed)
        {
            var pieces = new List<string>();
            await foreach (var update in client.GetStreamingResponseAsync("Describe a birding journal.", cancellationToken: Ct)) pieces.Add(update.Text);
            text = string.Concat(pieces);
            Assert.True(pieces.Count(p => p.Length > 0) > 1, "The answer did not arrive in pieces.");
        }
        else text = (await client.GetResponseAsync("Describe a birding journal.", cancellationToken: Ct)).Text;

        Assert.Equal("A spec for a birding journal.", text);
        var request = Assert.Single(server.Requests);
        Assert.Contains("Describe a birding journal.", request.Text);
        var call = (await CostsAsync(api))["latest_calls"]!.AsArray().Single()!;
        Assert.Equal((provider, 40, 9), ((string)call["provider"]!, (int)call["prompt_tokens"]!, (int)call["completion_tokens"]!));
    }

    [Fact]
    public async Task With_no_model_configured_the_offline_reading_is_the_plan_and_no_call_is_recorded()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner");

        var (_, notes) = await PlanAsync(api);

        Assert.DoesNotContain(notes, n => ((string)n!).Contains("model"));
        var costs = await CostsAsync(api);
        Assert.False((bool)costs["model_configured"]!);
        Assert.Equal(0, (int)costs["calls"]!);
    }
}
