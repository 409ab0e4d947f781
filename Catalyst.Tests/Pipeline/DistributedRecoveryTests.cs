using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// The product's own agents in worker processes over a real RabbitMQ and PostgreSQL, through the faults a
/// self-hosted installation meets: a worker killed with SIGKILL mid-pipeline, then the broker restarted, then
/// another worker started. Every task completes, nothing is dead-lettered, and no event is recorded twice.
/// </summary>
[Collection(RabbitMqPipelineCollection.Name)]
public sealed class DistributedRecoveryTests(PostgresServerFixture postgres, RabbitMqServerFixture rabbit)
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tasks_survive_a_worker_sigkill_then_a_broker_restart_then_a_new_worker()
    {
        using var dataRoot = new TestDirectory("recovery");
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 0, new Dictionary<string, string?>
        {
            ["Catalyst:DataRoot"] = dataRoot.Path,
        });
        var first = await pipeline.StartWorkerAsync(realAgents: true);
        await pipeline.StartWorkerAsync(realAgents: true);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        string[] prompts = ["hello world", "a todo app", "a notes app where notes have a title and a body"];
        var taskIds = new List<Guid>();
        foreach (var prompt in prompts) taskIds.Add(await pipeline.Api.SubmitAsync(prompt, projectName: null));

        await Task.Delay(TimeSpan.FromSeconds(4) - clock.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, Ct);
        await first.KillProcessOnlyAsync();
        await pipeline.Broker.RestartAsync(Ct);
        await pipeline.StartWorkerAsync(realAgents: true);

        var statuses = await pipeline.Database.WaitForCompletionAsync(taskIds, Patience, pipeline.Diagnostics);
        foreach (var id in taskIds)
            Assert.True(statuses[id] == "completed", $"{id} ended {statuses[id]}\n{await pipeline.Database.StoryAsync(id)}");
        Assert.Equal(0, await pipeline.Database.ScalarAsync("SELECT count(*) FROM dead_letters"));
        foreach (var id in taskIds)
        {
            // An event the agents emit once per step: handled twice, it would be recorded twice.
            var twice = await pipeline.Database.ScalarAsync(
                "SELECT count(*) FROM (SELECT 1 FROM agent_events WHERE task_id = $1 GROUP BY event_id HAVING count(*) > 1) d", id);
            Assert.Equal(0, twice);
            foreach (var once in new[] { "task.initiated", "plan.created", "architecture.proposed", "deploy.complete" })
                Assert.Equal(1, await pipeline.Database.ScalarAsync($"SELECT count(*) FROM agent_events WHERE task_id = $1 AND event_type = '{once}'", id));
        }
    }
}
