using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;

namespace Catalyst.Tests.Planning;

/// <summary>
/// A follow-up on a project whose app was approved changes that app: the real agents in embedded mode, a real
/// PostgreSQL, real git, and the Tester really building and running the generated app's tests.
/// </summary>
public sealed class FollowUpPipelineTests(PostgresServerFixture postgres)
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_follow_up_adds_a_due_date_on_a_branch_from_the_approved_app_and_one_it_cannot_make_fails_saying_why()
    {
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder,tester,reviewer",
        }, PipelineAgents.Real);
        var client = api.CreateClient();

        var first = await SubmitAsync(client, new { prompt = "a todo app with login" });
        var firstRun = await WaitForApprovalAsync(client, first.TaskId);
        var second = await SubmitAsync(client, new { prompt = "now add a due date to todos", project_id = first.ProjectId });
        var secondRun = await WaitForApprovalAsync(client, second.TaskId);

        var firstOpened = Payload(firstRun, "code.pr.opened");
        var secondOpened = Payload(secondRun, "code.pr.opened");
        var (firstBranch, secondBranch) = ((string)firstOpened["branch"]!, (string)secondOpened["branch"]!);
        Assert.NotEqual(firstBranch, secondBranch);
        Assert.Equal((string)firstOpened["commit"]!, (string)secondOpened["base_commit"]!);
        var repository = (string)secondOpened["local_repo"]!;
        Assert.Equal("", await GitAsync(repository, "rev-list", $"{secondBranch}..{firstBranch}")); // the first app is an ancestor

        var tests = Payload(secondRun, "test.results");
        Assert.True((bool)tests["passed"]!, tests.ToJsonString());
        Assert.True((int)tests["total"]! > 0 && (int)tests["failed"]! == 0, tests.ToJsonString());

        var changed = (await GitAsync(repository, "diff", "--name-only", firstBranch, secondBranch)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var app = changed.Where(p => !p.StartsWith("planning/", StringComparison.Ordinal) && !p.StartsWith("architecture/", StringComparison.Ordinal)).ToList();
        Assert.Contains(app, p => p.EndsWith("/Models/Todo.cs", StringComparison.Ordinal));
        Assert.Contains(app, p => p.Contains("/wwwroot/", StringComparison.Ordinal));
        Assert.Contains(app, p => p.EndsWith("/TodoApiTests.cs", StringComparison.Ordinal));
        // the API's contract: the endpoints validate through the model, and the OpenAPI document says so
        Assert.Contains("architecture/api-contracts/openapi.yaml", changed);
        Assert.Contains("dueDate", await GitAsync(repository, "show", $"{secondBranch}:architecture/api-contracts/openapi.yaml"));
        // nothing unrelated: auth, program, project files, storage and deployment are the first app's, byte for byte
        Assert.All(app, p => Assert.True(p.Contains("Todo", StringComparison.Ordinal) || p.Contains("/wwwroot/", StringComparison.Ordinal)
            || p.StartsWith("tests/", StringComparison.Ordinal) || p == "README.md",
            $"{p} changed, but adding a due date to todos has nothing to do with it. Changed: {string.Join(", ", changed)}"));
        Assert.DoesNotContain(app, p => p.Contains("/Auth/", StringComparison.Ordinal) || p.EndsWith("Program.cs", StringComparison.Ordinal)
            || p.EndsWith(".csproj", StringComparison.Ordinal) || p.StartsWith("Dockerfile", StringComparison.Ordinal) || p.StartsWith("docker-compose", StringComparison.Ordinal));
        var model = await GitAsync(repository, "show", $"{secondBranch}:{app.First(p => p.EndsWith("/Models/Todo.cs", StringComparison.Ordinal))}");
        Assert.Contains("DueDate", model);
        Assert.DoesNotContain("DueDate", await GitAsync(repository, "show", $"{firstBranch}:{app.First(p => p.EndsWith("/Models/Todo.cs", StringComparison.Ordinal))}"));

        var third = await SubmitAsync(client, new { prompt = "send me an email when a todo is due", project_id = first.ProjectId });
        var failed = await WaitForStatusAsync(client, third.TaskId, "failed");
        Assert.Contains("cannot", (string?)failed["failure_reason"]);
        Assert.Null((string?)failed["branch_name"]);
        var logs = await client.GetStringAsync($"/api/tasks/{third.TaskId}/logs", Ct);
        Assert.Contains("cannot", logs);
    }

    static async Task<(Guid TaskId, string ProjectId)> SubmitAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/tasks", request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        return (Guid.Parse((string)created["task_id"]!), (string)created["project_id"]!);
    }

    /// <summary>Waits until the Reviewer approves the task, and returns its events; fails the test if the task fails.</summary>
    static async Task<List<JsonObject>> WaitForApprovalAsync(HttpClient client, Guid taskId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray().Select(e => e!.AsObject()).ToList();
            if (events.Any(e => (string?)e["event_type"] == "review.decision" && (string?)e["payload"]!["decision"] == "approved")) return events;
            var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
            Assert.True((string?)task["status"] != "failed", $"task {taskId} failed: {task["failure_reason"]}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Task {taskId} is still '{task["status"]}' after {Patience.TotalMinutes} min.");
            await Task.Delay(500, Ct);
        }
    }

    static async Task<JsonNode> WaitForStatusAsync(HttpClient client, Guid taskId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
            if ((string?)task["status"] == status) return task;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Task {taskId} is '{task["status"]}', not '{status}'.");
            await Task.Delay(200, Ct);
        }
    }

    static JsonObject Payload(List<JsonObject> events, string eventType) =>
        events.Last(e => (string?)e["event_type"] == eventType)["payload"]!.AsObject();

    static async Task<string> GitAsync(string repository, params string[] arguments)
    {
        var spec = new ProcessSpec("git", arguments) { WorkingDirectory = repository, Timeout = TimeSpan.FromSeconds(30) };
        return (await new ProcessRunner().RunAsync(spec, Ct)).EnsureSuccess(spec).StandardOutput;
    }
}
