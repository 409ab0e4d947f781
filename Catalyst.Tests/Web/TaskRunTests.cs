using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Tasks.Feed;
using Catalyst.Web.Live;

namespace Catalyst.Tests.Web;

/// <summary>How the chat folds a task's feed: lines grouped per agent turn, each message once, the result from task_complete.</summary>
public sealed class TaskRunTests
{
    static readonly Guid TaskId = Guid.NewGuid();
    long row;

    IEnumerable<TaskFeedMessage> Recorded(string actor, string type, JsonObject payload, string branch = "main") =>
        TaskFeedTranslator.Translate(AgentEvent.Create(Guid.NewGuid(), TaskId, actor, type, payload, DateTimeOffset.UtcNow, "todo-app", branch, "abc123"), ++row);

    IEnumerable<TaskFeedMessage> Line(string actor, string message) =>
        Recorded(actor, EventTypes.TaskProgress, new JsonObject { ["agent"] = actor, ["message"] = message, ["level"] = "info" });

    [Fact]
    public void Lines_are_grouped_per_agent_turn_and_a_fix_round_is_a_new_turn()
    {
        var run = new TaskRun(TaskId);
        var feed = Line("planner", "Analyzing your requirements...").Concat(Line("coder", "📝 Creating a.cs")).Concat(Line("coder", "📝 Creating b.cs"))
            .Concat(Line("tester", "❌ 1 failed")).Concat(Line("coder", "🔧 Fixing b.cs"));

        foreach (var message in feed) run.Apply(message);

        Assert.Equal(["planner", "coder", "tester", "coder"], run.Groups.Select(g => g.Agent));
        Assert.Equal(["📝 Creating a.cs", "📝 Creating b.cs"], run.Groups[1].Lines.Select(l => l.Message));
        Assert.Equal(5, run.LineCount);
        Assert.NotNull(run.StartedAt);
        Assert.False(run.IsFinished);
    }

    [Fact]
    public void A_message_applied_again_after_a_reconnect_shows_once()
    {
        var run = new TaskRun(TaskId);
        var first = Line("planner", "Analyzing your requirements...").ToList();
        var second = Line("planner", "📋 Plan: 3 features").ToList();

        foreach (var message in first.Concat(second).Concat(second).Concat(first)) run.Apply(message);

        Assert.Equal(2, run.LineCount);
        Assert.Equal(second[^1].Position, run.Position);
    }

    [Fact]
    public void The_result_comes_from_task_complete_with_the_preview_the_branch_the_totals_and_the_score()
    {
        var run = new TaskRun(TaskId);
        var done = Recorded("deployer", EventTypes.DeployComplete, new JsonObject
        {
            ["preview_url"] = "http://todo-app.preview.invalid/",
            ["tests"] = new JsonObject { ["total"] = 14, ["passed"] = 13, ["failed"] = 1, ["coverage"] = 0.82 },
            ["review"] = new JsonObject { ["score"] = 87, ["issues"] = new JsonArray("long method", "missing docs") },
        }, branch: "feature/task-1");

        foreach (var message in done) run.Apply(message);

        var result = Assert.IsType<RunResult>(run.Result);
        Assert.Equal(("completed", "http://todo-app.preview.invalid/", "todo-app", "feature/task-1"), (result.Status, result.PreviewUrl, result.Repository, result.Branch));
        Assert.Equal((14, 13, 1, 0.82), (result.TestsTotal, result.TestsPassed, result.TestsFailed, result.Coverage));
        Assert.Equal((87, 2), (result.ReviewScore, result.ReviewIssues));
        Assert.Empty(result.NotBuiltOrNone);
        Assert.Equal("completed", run.Phase);
    }

    [Fact]
    public void What_was_not_built_travels_from_the_deployment_to_the_result()
    {
        var run = new TaskRun(TaskId);
        const string notice = "The offline generator cannot build games; it built a records app for matches instead.";
        foreach (var message in Recorded("deployer", EventTypes.DeployComplete, new JsonObject
        {
            ["preview_url"] = "http://chess.preview.invalid/",
            ["limitations"] = new JsonArray(notice),
        }, branch: "feature/task-2")) run.Apply(message);

        Assert.Equal([notice], Assert.IsType<RunResult>(run.Result).NotBuiltOrNone);
    }

    [Fact]
    public void A_failed_task_ends_the_run_with_its_reason()
    {
        var run = new TaskRun(TaskId);

        foreach (var message in Recorded("tester", EventTypes.TaskFailed, new JsonObject { ["reason"] = "The build failed: CS0103." })) run.Apply(message);

        Assert.Equal(("failed", "The build failed: CS0103."), (run.Result!.Status, run.Result.Reason));
        Assert.Equal("error", run.Groups.Single().Lines.Single().Level);
    }
}
