using System.Net;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// The event-driven core over a real RabbitMQ and PostgreSQL, with scripted agents in real worker processes.
/// Serial: one test restarts the shared broker.
/// </summary>
[Collection(RabbitMqPipelineCollection.Name)]
public sealed class DistributedPipelineTests(PostgresServerFixture postgres, RabbitMqServerFixture rabbit)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_task_flows_through_all_six_phases_across_two_workers_exactly_once_in_one_trace()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 2);

        var taskId = await pipeline.Api.SubmitAsync("build a todo app");
        await pipeline.Database.WaitForCompletionAsync([taskId], Patience, pipeline.Diagnostics);

        await pipeline.Database.AssertRanExactlyOnceAsync(taskId);
        await pipeline.Database.AssertOneTraceAsync(taskId);
        var task = JsonNode.Parse(await pipeline.Api.CreateClient().GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal("deploying", (string?)task["current_phase"]);
        Assert.NotNull((string?)task["completed_at"]);
    }

    [Fact]
    public async Task The_Api_streams_events_that_workers_emit_through_its_live_update_queue()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 1, new Dictionary<string, string?>
        {
            ["PipelineTest:HopDelay"] = "00:00:00.200",
        });

        var taskId = await pipeline.Api.SubmitAsync("watch me");
        var events = await ServerSentEvents.ReadUntilAsync(pipeline.Api.CreateClient(), $"/api/events/{taskId}/stream",
            m => (string?)m.Data["event_type"] == "deploy.complete", Patience);

        Assert.Equal(PipelineDatabase.PipelineEvents, events.AgentEvents().Select(e => (string)e["event_type"]!));
    }

    [Fact]
    public async Task The_product_worker_runs_the_real_agents_and_says_which_one_is_missing()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 0, new Dictionary<string, string?>
        {
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder",
        });
        await pipeline.StartWorkerAsync(realAgents: true);

        var taskId = await pipeline.Api.SubmitAsync("hello world");
        var deadline = DateTime.UtcNow + Patience;
        while (await pipeline.Database.ScalarAsync("SELECT count(*) FROM agent_events WHERE task_id = $1 AND event_type = 'code.pr.opened'", taskId) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, pipeline.Diagnostics());
            await Task.Delay(100, Ct);
        }
        Assert.Equal("coding", (await pipeline.Database.StatusesAsync([taskId]))[taskId]);
        // This worker runs no tester: its publish found no consumer on tester-queue and said so.
        while (await pipeline.Database.ScalarAsync("SELECT count(*) FROM agent_logs WHERE task_id = $1 AND message LIKE '%tester agent is not installed yet%'", taskId) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, pipeline.Diagnostics());
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Fifty_tasks_submitted_at_once_all_complete()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 2);

        var taskIds = await pipeline.Api.SubmitManyAsync(50);
        var statuses = await pipeline.Database.WaitForCompletionAsync(taskIds, Patience, pipeline.Diagnostics);

        Assert.All(statuses.Values, s => Assert.Equal("completed", s));
        foreach (var id in taskIds) await pipeline.Database.AssertRanExactlyOnceAsync(id);
        Assert.Equal(2, await pipeline.Database.ScalarAsync("SELECT count(DISTINCT process_id) FROM test_effects"));
    }

    [Fact]
    public async Task A_worker_killed_mid_step_loses_no_task_and_applies_no_effect_twice()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 2, new Dictionary<string, string?>
        {
            ["PipelineTest:SlowAgent"] = "coder",
            ["PipelineTest:SlowDelay"] = "00:01:00",
        });
        var taskIds = await pipeline.Api.SubmitManyAsync(3);

        var (stuckTask, pid) = await pipeline.WaitForSlowStepAsync("coder", Patience);
        var victim = pipeline.Workers.Single(w => w.ProcessId == pid);
        await victim.KillAsync();
        // The survivor takes the unacknowledged message over; it is not slow for a step another process started.
        await pipeline.Database.WaitForCompletionAsync(taskIds, Patience, pipeline.Diagnostics);

        foreach (var id in taskIds) await pipeline.Database.AssertRanExactlyOnceAsync(id);
        Assert.Equal(0, await pipeline.Database.ScalarAsync(
            "SELECT count(*) FROM test_effects WHERE task_id = $1 AND agent = 'coder' AND process_id = $2", stuckTask, pid));
    }

    [Fact]
    public async Task A_worker_stopped_gracefully_finishes_the_step_in_flight()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 1, new Dictionary<string, string?>
        {
            ["PipelineTest:SlowAgent"] = "coder",
            ["PipelineTest:SlowDelay"] = "00:00:03",
        });
        var taskId = await pipeline.Api.SubmitAsync("stop the worker while it codes");
        var (_, pid) = await pipeline.WaitForSlowStepAsync("coder", Patience);
        var worker = pipeline.Workers.Single();

        await worker.StopAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, worker.ExitCode);
        Assert.Equal(1, await pipeline.Database.ScalarAsync(
            "SELECT count(*) FROM test_effects WHERE task_id = $1 AND agent = 'coder' AND process_id = $2", taskId, pid));
        await pipeline.StartWorkerAsync();
        await pipeline.Database.WaitForCompletionAsync([taskId], Patience, pipeline.Diagnostics);
        await pipeline.Database.AssertRanExactlyOnceAsync(taskId);
    }

    [Fact]
    public async Task A_broker_restart_mid_pipeline_loses_nothing()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 2, new Dictionary<string, string?>
        {
            ["PipelineTest:HopDelay"] = "00:00:00.300",
        });
        var taskIds = await pipeline.Api.SubmitManyAsync(5);
        await pipeline.WaitForStepStartAsync("architect", Patience);

        await pipeline.Broker.RestartAsync(TestContext.Current.CancellationToken);
        var afterRestart = await pipeline.Api.SubmitAsync("submitted after the restart");

        await pipeline.Database.WaitForCompletionAsync([.. taskIds, afterRestart], Patience, pipeline.Diagnostics);
        foreach (var id in taskIds.Append(afterRestart)) await pipeline.Database.AssertRanExactlyOnceAsync(id);
    }

    [Fact]
    public async Task A_handler_that_always_throws_is_retried_dead_lettered_and_replayed_once_fixed()
    {
        using var flagDirectory = new TestDirectory("flag");
        var flag = Path.Combine(flagDirectory.Path, "architect-is-broken");
        await File.WriteAllTextAsync(flag, "", TestContext.Current.CancellationToken);
        await using var run = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 1, new Dictionary<string, string?>
        {
            ["PipelineTest:FailingAgent"] = "architect",
            ["PipelineTest:FailWhileFileExists"] = flag,
        });
        var client = run.Api.CreateClient();

        var started = DateTime.UtcNow;
        var taskId = await run.Api.SubmitAsync("a task whose architect breaks");
        await run.Database.WaitForStatusAsync([taskId], s => s == "failed", Patience, run.Diagnostics);
        var elapsed = DateTime.UtcNow - started;

        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Contains("architect failed on plan.created after 4 attempts", (string?)task["failure_reason"]);
        Assert.Contains("scripted to fail", (string?)task["failure_reason"]);
        // Three retries waited 200 + 400 + 800 ms in the broker's TTL retry queues.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(1400), $"failed after only {elapsed.TotalMilliseconds:0} ms");

        var letters = JsonNode.Parse(await client.GetStringAsync("/api/dlq", Ct))!.AsArray();
        var letter = Assert.Single(letters)!;
        Assert.Equal("architect", (string?)letter["consumer"]);
        Assert.Equal(4, (int?)letter["attempts"]);
        Assert.Equal(1u, await FailedEventsCountAsync(run));

        File.Delete(flag); // the handler is fixed
        var replay = await client.PostAsync($"/api/dlq/{(string?)letter["event_id"]}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        await run.Database.WaitForStatusAsync([taskId], s => s == "completed", Patience, run.Diagnostics);
        await run.Database.AssertRanExactlyOnceAsync(taskId, "task.failed");
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/api/dlq", Ct))!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/dlq/{(string?)letter["event_id"]}/replay", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_task_gets_no_further_work()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 1, new Dictionary<string, string?>
        {
            ["PipelineTest:SlowAgent"] = "planner",
            ["PipelineTest:SlowDelay"] = "00:00:02",
        });
        var taskId = await pipeline.Api.SubmitAsync("cancel me");
        await pipeline.WaitForSlowStepAsync("planner", Patience);

        var cancel = await pipeline.Api.CreateClient().PostAsync($"/api/tasks/{taskId}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(4), Ct); // the slow planner finishes its attempt meanwhile

        Assert.Equal("cancelled", (await pipeline.Database.StatusesAsync([taskId]))[taskId]);
        Assert.Equal(0, await pipeline.Database.ScalarAsync("SELECT count(*) FROM test_effects WHERE task_id = $1 AND agent <> 'planner'", taskId));
        Assert.Equal(HttpStatusCode.Conflict, (await pipeline.Api.CreateClient().PostAsync($"/api/tasks/{taskId}/cancel", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_task_stops_the_handler_working_on_it_within_seconds_and_commits_none_of_its_work()
    {
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 1, new Dictionary<string, string?>
        {
            ["PipelineTest:SlowAgent"] = "planner",
            ["PipelineTest:SlowDelay"] = "00:10:00",
        });
        var taskId = await pipeline.Api.SubmitAsync("cancel me while I plan");
        await pipeline.WaitForSlowStepAsync("planner", Patience);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Api.CreateClient().PostAsync($"/api/tasks/{taskId}/cancel", null, Ct)).StatusCode);
        var stopped = $"task {taskId} was cancelled";
        while (!pipeline.Workers[0].Output.Contains(stopped) && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100, Ct);

        Assert.Contains(stopped, pipeline.Workers[0].Output);
        Assert.Equal(0, await pipeline.Database.ScalarAsync("SELECT count(*) FROM test_effects WHERE task_id = $1", taskId));
        Assert.Equal("cancelled", (await pipeline.Database.StatusesAsync([taskId]))[taskId]);
    }

    static async Task<uint> FailedEventsCountAsync(DistributedPipeline pipeline)
    {
        var factory = new ConnectionFactory { Uri = pipeline.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.MessageCountAsync("failed-events");
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqPipelineCollection
{
    public const string Name = "RabbitMQ pipeline";
}
