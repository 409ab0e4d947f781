using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence;
using Catalyst.Core.Tasks;
using Catalyst.Tests.Api;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Previews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// Catalyst:Git:StorageMode GitHub (spec 6.2): once the Reviewer approves, the approved branch is pushed to the
/// project's GitHub repository and a pull request to main is opened, by itself; GitHub being down never fails
/// the task. Real agents (or the real Deployer), real PostgreSQL, Octokit against the stub GitHub Enterprise.
/// </summary>
public sealed class GitHubPipelineTests(PostgresServerFixture postgres)
{
    const string Token = GitHubApiTests.Token;
    const string Owner = GitHubApiTests.Owner;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> GitHubSettings(GitHubStub github) => new()
    {
        ["Catalyst:Git:StorageMode"] = "github",
        ["Catalyst:GitHub:Token"] = Token,
        ["Catalyst:GitHub:Owner"] = Owner,
        ["Catalyst:GitHub:BaseUrl"] = github.BaseUrl.ToString(),
    };

    [Fact]
    public async Task An_approved_task_is_pushed_and_its_pull_request_opened_by_itself()
    {
        await using var github = await GitHubStub.StartAsync(Token);
        var logs = new LogCapture();
        var settings = GitHubSettings(github);
        settings["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync();
        settings["Catalyst:Preview:Mode"] = "ComposeOnly"; // what is pushed is the point here, not a running preview
        await using var api = new PipelineApi(settings, PipelineAgents.Real, services => services.AddSingleton<ILoggerProvider>(logs));
        var client = api.CreateClient();

        var created = JsonNode.Parse(await (await client.PostAsJsonAsync("/api/tasks", new { prompt = "a recipe book" }, Ct)).Content.ReadAsStringAsync(Ct))!;
        var taskId = (string)created["task_id"]!;
        var (_, failure) = await api.WaitForEventAsync(Guid.Parse(taskId), EventTypes.DeployComplete, TimeSpan.FromMinutes(8));
        Assert.Null(failure);
        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;

        Assert.True((string?)task["status"] == "completed", task.ToJsonString());
        var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray().Select(e => e!.AsObject()).ToList();
        var approved = events.Single(e => (string?)e["event_type"] == EventTypes.ReviewDecision && (string?)e["payload"]!["decision"] == "approved");
        var pushed = events.Single(e => (string?)e["event_type"] == EventTypes.GitPushed)["payload"]!;
        Assert.True((string?)pushed["status"] == "pushed", pushed.ToJsonString());
        var (branch, commit) = ((string)approved["branch"]!, (string)approved["commit"]!);
        Assert.Equal((branch, commit), ((string?)pushed["branch"], (string?)pushed["commit"]));

        // the approved commit is on GitHub, with a pull request from its branch to main
        var slug = (string)JsonNode.Parse(await client.GetStringAsync($"/api/projects/{created["project_id"]}", Ct))!["slug"]!;
        Assert.Equal(commit, await github.BranchCommitAsync(Owner, slug, branch));
        Assert.NotNull(await github.BranchCommitAsync(Owner, slug, "main"));
        var pull = Assert.Single(github.PullsOf(Owner, slug));
        Assert.Equal((branch, "main"), ((string?)pull["head"]!["ref"], (string?)pull["base"]!["ref"]));
        Assert.Equal((string?)pull["html_url"], (string?)pushed["pull_request_url"]);
        Assert.Equal((string?)pull["html_url"], (string?)task["github"]!["pull_request_url"]);
        var repository = JsonNode.Parse(await client.GetStringAsync($"/api/git/repos/{created["project_id"]}", Ct))!;
        Assert.Equal((string?)pull["html_url"], (string?)repository["github"]!["pull_requests"]![0]!["url"]);
        var log = await client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct);
        Assert.Contains("Pushed to GitHub: PR #1 opened", log);

        foreach (var said in new[] { task.ToJsonString(), log, await client.GetStringAsync($"/api/events/{taskId}", Ct), repository.ToJsonString() })
            Assert.DoesNotContain(Token, said);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GitHub_down_after_approval_is_logged_and_the_deployment_goes_on()
    {
        await using var github = await GitHubStub.StartAsync(Token);
        github.Failing = true;
        var settings = GitHubSettings(github);
        settings["Catalyst:Preview:Mode"] = "ComposeOnly";
        await using var harness = await PreviewHarness.StartAsync(postgres, settings);
        var taskId = await harness.NewTaskAsync("pushed-app");
        await using var scope = harness.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var task = await db.Tasks.Include(t => t.Project).SingleAsync(t => t.Id == taskId, Ct);
        string commit;
        await using (var locked = await harness.Api.Services.GetRequiredService<ProjectRepositories>().OpenAsync(task.Project!.Slug, Ct))
        {
            await locked.Repository.CheckoutAsync("main", Ct);
            var main = await locked.Repository.CommitAsync([new("README.md", "# app\n")], "docs: readme", Ct);
            await locked.Repository.CheckoutAsync("feature/task-x", Ct, startPoint: main);
            commit = await locked.Repository.CommitAsync([new("src/app.js", "console.log('app');\n")], "feat: app", Ct);
        }
        task.Status = "deploying";
        var decision = AgentEvent.Create(task.TraceId, taskId, Actors.Reviewer, EventTypes.ReviewDecision,
            new JsonObject { ["decision"] = "approved", ["score"] = 90 }, DateTimeOffset.UtcNow, task.Project.Slug, "feature/task-x", commit);
        var deployer = ActivatorUtilities.CreateInstance<DeployerAgent>(scope.ServiceProvider);
        var context = new AgentContext(deployer, decision, task, db, TimeProvider.System, scope.ServiceProvider);

        await deployer.HandleAsync(context, decision, Ct);

        Assert.Equal("completed", task.Status);
        var failed = context.Emitted.Single(e => e.EventType == EventTypes.GitPushed).Payload;
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Contains("GitHub answered 500", (string?)failed["reason"]);
        Assert.Equal("failed", (string?)TaskMetadata.Get(task, TaskMetadata.GitHub)!["status"]);
        var warning = context.Emitted.Select(e => (string?)e.Payload["message"]).OfType<string>().Single(m => m.Contains("GitHub", StringComparison.Ordinal));
        Assert.Contains("the deployment goes on", warning);
        Assert.All(context.Emitted, e => Assert.DoesNotContain(Token, e.Payload.ToJsonString()));
        Assert.Null(await github.BranchCommitAsync(Owner, task.Project.Slug, "feature/task-x"));

        github.Failing = false; // GitHub is back: a redelivered approval pushes and opens the pull request
        var retry = new AgentContext(deployer, decision, task, db, TimeProvider.System, scope.ServiceProvider);
        task.Status = "deploying";
        await deployer.HandleAsync(retry, decision, Ct);
        Assert.Equal("pushed", (string?)retry.Emitted.Single(e => e.EventType == EventTypes.GitPushed).Payload["status"]);
        Assert.Equal(commit, await github.BranchCommitAsync(Owner, task.Project.Slug, "feature/task-x"));
    }
}
