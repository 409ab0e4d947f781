using System.Net;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Pipeline;

/// <summary>The same pipeline in embedded mode: the in-memory bus inside the Api, state in a real PostgreSQL.</summary>
public sealed class EmbeddedPipelineTests(PostgresServerFixture postgres)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<(PipelineDatabase Database, Dictionary<string, string?> Settings)> PrepareAsync(TestDirectory work, Dictionary<string, string?>? script = null)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var database = new PipelineDatabase(connectionString);
        await database.CreateEffectsTableAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["Catalyst:Messaging:RetryBaseDelay"] = "00:00:00.200",
            ["PipelineTest:MarkerDirectory"] = work.Path,
        };
        foreach (var (key, value) in script ?? []) settings[key] = value;
        return (database, settings);
    }

    [Fact]
    public async Task A_task_flows_through_all_six_phases_in_process_exactly_once_in_one_trace()
    {
        using var work = new TestDirectory("emb");
        var (database, settings) = await PrepareAsync(work);
        await using var _ = database;
        await using var api = new PipelineApi(settings, PipelineAgents.Scripted);

        var taskId = await api.SubmitAsync("build a todo app");
        await database.WaitForCompletionAsync([taskId], Patience);

        await database.AssertRanExactlyOnceAsync(taskId);
        await database.AssertOneTraceAsync(taskId);
    }

    [Fact]
    public async Task The_event_stream_shows_every_step_as_it_happens()
    {
        using var work = new TestDirectory("emb");
        var (database, settings) = await PrepareAsync(work, new() { ["PipelineTest:HopDelay"] = "00:00:00.200" });
        await using var _ = database;
        await using var api = new PipelineApi(settings, PipelineAgents.Scripted);

        var taskId = await api.SubmitAsync("watch me");
        var events = await ServerSentEvents.ReadUntilAsync(api.CreateClient(), $"/api/events/{taskId}/stream",
            m => (string?)m.Data["event_type"] == "deploy.complete", Patience);

        Assert.Equal(PipelineDatabase.PipelineEvents, events.AgentEvents().Select(e => (string)e["event_type"]!));
    }

    [Fact]
    public async Task Fifty_tasks_submitted_at_once_all_complete()
    {
        using var work = new TestDirectory("emb");
        var (database, settings) = await PrepareAsync(work);
        await using var _ = database;
        await using var api = new PipelineApi(settings, PipelineAgents.Scripted);

        var taskIds = await api.SubmitManyAsync(50);
        var statuses = await database.WaitForCompletionAsync(taskIds, Patience);

        Assert.All(statuses.Values, s => Assert.Equal("completed", s));
        foreach (var id in taskIds) await database.AssertRanExactlyOnceAsync(id);
    }

    [Fact]
    public async Task A_handler_that_always_throws_is_retried_dead_lettered_and_replayed_once_fixed()
    {
        using var work = new TestDirectory("emb");
        var flag = Path.Combine(work.Path, "architect-is-broken");
        await File.WriteAllTextAsync(flag, "", Ct);
        var (database, settings) = await PrepareAsync(work, new() { ["PipelineTest:FailingAgent"] = "architect", ["PipelineTest:FailWhileFileExists"] = flag });
        await using var _ = database;
        await using var api = new PipelineApi(settings, PipelineAgents.Scripted);
        var client = api.CreateClient();

        var started = DateTime.UtcNow;
        var taskId = await api.SubmitAsync("a task whose architect breaks");
        await database.WaitForStatusAsync([taskId], s => s == "failed", Patience);

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(1400), "three retries should wait 200 + 400 + 800 ms");
        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Contains("architect failed on plan.created after 4 attempts", (string?)task["failure_reason"]);
        var letter = Assert.Single(JsonNode.Parse(await client.GetStringAsync("/api/dlq", Ct))!.AsArray())!;

        File.Delete(flag);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/dlq/{(string?)letter["event_id"]}/replay", null, Ct)).StatusCode);

        await database.WaitForStatusAsync([taskId], s => s == "completed", Patience);
        await database.AssertRanExactlyOnceAsync(taskId, "task.failed");
    }

    [Fact]
    public async Task Work_in_memory_when_the_process_stops_is_recovered_on_the_next_start()
    {
        using var work = new TestDirectory("emb");
        var (database, settings) = await PrepareAsync(work, new() { ["PipelineTest:SlowAgent"] = "coder", ["PipelineTest:SlowDelay"] = "00:01:00" });
        await using var _ = database;
        Guid[] taskIds;
        await using (var first = new PipelineApi(settings, PipelineAgents.Scripted))
        {
            taskIds = await first.SubmitManyAsync(3);
            while (!File.Exists(Path.Combine(work.Path, "coder.slow"))) await Task.Delay(50, Ct);
        } // stopped while a coder step sleeps and other events wait in memory

        Assert.Contains(await database.StatusesAsync(taskIds), s => s.Value != "completed");
        await using var second = new PipelineApi(settings, PipelineAgents.Scripted);
        using var client = second.CreateClient(); // starts the Api

        await database.WaitForCompletionAsync(taskIds, Patience);
        foreach (var id in taskIds) await database.AssertRanExactlyOnceAsync(id);
    }

    [Fact]
    public async Task A_task_whose_agent_is_not_installed_stays_queued_and_says_why()
    {
        using var work = new TestDirectory("emb");
        var (database, settings) = await PrepareAsync(work);
        await using var _ = database;
        await using var api = new PipelineApi(settings, PipelineAgents.None);

        var taskId = await api.SubmitAsync("build a todo app");

        var deadline = DateTime.UtcNow + Patience;
        while (await database.ScalarAsync("SELECT count(*) FROM agent_logs WHERE task_id = $1", taskId) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50, Ct);
        Assert.Equal(1, await database.ScalarAsync(
            "SELECT count(*) FROM agent_logs WHERE task_id = $1 AND agent_name = 'planner' AND message LIKE '%planner agent is not installed yet%'", taskId));
        Assert.Equal("queued", (await database.StatusesAsync([taskId]))[taskId]);
        var client = api.CreateClient();
        var logs = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct))!.AsArray();
        Assert.Contains(logs, l => ((string?)l!["message"])!.Contains("planner agent is not installed yet"));
        Assert.Contains("planner agent is not installed yet", await client.GetStringAsync($"/tasks/{taskId}", Ct));
    }
}
