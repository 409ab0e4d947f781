using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Planning;

/// <summary>A request no archetype builds is answered honestly: in the plan, in the log and in the task's result.</summary>
public sealed class LimitationTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task What_cannot_be_built_offline_is_said_in_the_plan_the_log_and_the_task()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner");
        var created = await api.SubmitAsync(new { prompt = "a multiplayer chess game with matchmaking and an elo ranking" });
        var taskId = Guid.Parse((string)created["task_id"]!);
        var planned = await api.WaitForEventAsync(taskId, "plan.created");

        var limitations = planned["payload"]!["limitations"]!.AsArray().Select(l => (string)l!).ToList();
        var limitation = Assert.Single(limitations);
        Assert.Contains("cannot build", limitation);
        Assert.Contains("instead", limitation);

        var task = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal(limitations, task["limitations"]!.AsArray().Select(l => (string)l!));
        var log = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct))!.AsArray();
        Assert.Contains(log, line => (string?)line!["level"] == "warning" && ((string?)line["message"])!.Contains(limitation));
        await using var repo = await api.RepositoryAsync((string)created["project_name"]!);
        Assert.Contains(limitation, await repo.Repository.ReadFileAsync("main", "planning/acceptance.md", Ct));
    }
}
