using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Catalyst.Core.Tasks;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Tests.Api;

/// <summary>
/// Pushing a project to GitHub and opening pull requests over HTTP: the real Api and PostgreSQL, real
/// repositories committed through libgit2, Octokit against a stub GitHub Enterprise server, and pushes that
/// land in real bare repositories served by git http-backend.
/// </summary>
public sealed class GitHubApiTests(PostgresServerFixture postgres)
{
    /// <summary>Shaped like a real personal access token, so both the literal and the shape-based masking apply.</summary>
    internal const string Token = "ghp_CatalystTestToken0123456789abcdefABCD";
    internal const string Owner = "catalyst-apps";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record Setup(PipelineApi Api, HttpClient Client, GitHubStub GitHub, LogCapture Logs, ProjectEntity Project, Guid TaskId, string Branch, string Main, string Feature)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await GitHub.DisposeAsync();
        }
    }

    /// <summary>A project whose main has a commit and whose task (completed, so approved) added one on its branch.</summary>
    async Task<Setup> StartAsync(bool configured = true)
    {
        var github = await GitHubStub.StartAsync(Token);
        var logs = new LogCapture();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync() };
        if (configured)
        {
            settings["Catalyst:GitHub:Token"] = Token;
            settings["Catalyst:GitHub:Owner"] = Owner;
            settings["Catalyst:GitHub:BaseUrl"] = github.BaseUrl.ToString();
        }
        var api = new PipelineApi(settings, PipelineAgents.None, services => services.AddSingleton<ILoggerProvider>(logs));
        await using var scope = api.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<TaskRepository>().CreateAsync("a shop front with a search", "Shop Front", Ct);
        var project = (await scope.ServiceProvider.GetRequiredService<ProjectRepository>().GetAsync(created.ProjectId, Ct))!;
        var branch = $"feature/task-{created.TaskId.ToString()[..8]}";
        string main, feature;
        await using (var locked = await api.Services.GetRequiredService<ProjectRepositories>().OpenAsync(project.Slug, Ct))
        {
            var repository = locked.Repository;
            await repository.CheckoutAsync("main", Ct);
            main = await repository.CommitAsync([new("README.md", "# Shop\n")], "docs: readme", Ct);
            await repository.CheckoutAsync(branch, Ct, startPoint: main);
            feature = await repository.CommitAsync([new("src/search.js", "export const search = () => [];\n")], "feat: search", Ct);
        }
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var task = await db.Tasks.SingleAsync(t => t.Id == created.TaskId, Ct);
        (task.BranchName, task.CommitSha, task.Status, task.CompletedAt) = (branch, feature, "completed", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
        return new Setup(api, api.CreateClient(), github, logs, project, created.TaskId, branch, main, feature);
    }

    static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(Token, body);
        return JsonNode.Parse(body)!;
    }

    static void AssertNoToken(Setup setup) =>
        Assert.DoesNotContain(setup.Logs.Lines, line => line.Contains(Token, StringComparison.Ordinal));

    [Fact]
    public async Task A_push_creates_the_repository_under_the_owner_and_lands_each_branch_on_the_projects_commit()
    {
        await using var setup = await StartAsync();
        var id = setup.Project.Id;

        var pushed = await JsonAsync(await setup.Client.PostAsync($"/api/git/repos/{id}/push", null, Ct), HttpStatusCode.OK);

        var repository = pushed["repository"]!;
        Assert.Equal((Owner, setup.Project.Slug, true), ((string?)repository["owner"], (string?)repository["name"], (bool?)repository["created"]));
        var branches = pushed["branches"]!.AsArray().ToDictionary(b => (string)b!["name"]!, b => (string)b!["commit"]!);
        Assert.Equal(new Dictionary<string, string> { ["main"] = setup.Main, [setup.Branch] = setup.Feature }, branches);
        Assert.Equal(setup.Main, await setup.GitHub.BranchCommitAsync(Owner, setup.Project.Slug, "main"));
        Assert.Equal(setup.Feature, await setup.GitHub.BranchCommitAsync(Owner, setup.Project.Slug, setup.Branch));
        Assert.Single(setup.GitHub.Requests, r => r is { Method: "POST", PathAndQuery: $"/api/v3/orgs/{Owner}/repos" });
        // the token went only where it belongs: GitHub's API, and the git server's challenge (Basic, as x-access-token)
        Assert.Contains(setup.GitHub.Requests, r => r.PathAndQuery.Contains(".git/", StringComparison.Ordinal) && r.Authorization.StartsWith("Basic ", StringComparison.Ordinal));

        var again = await JsonAsync(await setup.Client.PostAsJsonAsync($"/api/git/repos/{id}/push", new { branch = setup.Branch }, Ct), HttpStatusCode.OK);
        Assert.False((bool?)again["repository"]!["created"]);
        Assert.Equal(setup.Branch, (string?)Assert.Single(again["branches"]!.AsArray())!["name"]);
        Assert.Single(setup.GitHub.Requests, r => r.Method == "POST" && r.PathAndQuery.EndsWith("/repos", StringComparison.Ordinal));

        var view = await JsonAsync(await setup.Client.GetAsync($"/api/git/repos/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal((string?)repository["html_url"], (string?)view["github"]!["repository_url"]);
        Assert.Empty(view["github"]!["pull_requests"]!.AsArray());
        AssertNoToken(setup);
    }

    [Fact]
    public async Task A_pull_request_opens_from_the_latest_approved_task_to_main_and_asking_again_returns_the_same_one()
    {
        await using var setup = await StartAsync();
        var id = setup.Project.Id;

        var opened = await JsonAsync(await setup.Client.PostAsync($"/api/git/repos/{id}/pr", null, Ct), HttpStatusCode.Created);
        var again = await JsonAsync(await setup.Client.PostAsJsonAsync($"/api/git/repos/{id}/pr", new { task_id = setup.TaskId }, Ct), HttpStatusCode.OK);

        Assert.Equal(setup.TaskId.ToString(), (string?)opened["task_id"]);
        Assert.Equal((1, setup.Branch, "main", setup.Feature, true), ((int)opened["number"]!, (string?)opened["head"], (string?)opened["base"], (string?)opened["commit"], (bool?)opened["created"]));
        Assert.Equal(((int)opened["number"]!, (string?)opened["url"], false), ((int)again["number"]!, (string?)again["url"], (bool?)again["created"]));
        Assert.Equal(setup.Feature, await setup.GitHub.BranchCommitAsync(Owner, setup.Project.Slug, setup.Branch));
        Assert.Equal(setup.Main, await setup.GitHub.BranchCommitAsync(Owner, setup.Project.Slug, "main"));
        var pull = Assert.Single(setup.GitHub.PullsOf(Owner, setup.Project.Slug));
        Assert.Equal($"feat: Shop Front - Task {setup.TaskId.ToString()[..8]}", (string?)pull["title"]);
        Assert.Contains(setup.TaskId.ToString(), (string?)pull["body"]);
        Assert.Single(setup.GitHub.Requests, r => r.Method == "POST" && r.PathAndQuery.EndsWith("/pulls", StringComparison.Ordinal));

        // where the pull request is shows on the task, in its events and on the repository
        var task = await JsonAsync(await setup.Client.GetAsync($"/api/tasks/{setup.TaskId}", Ct), HttpStatusCode.OK);
        Assert.Equal((string?)opened["url"], (string?)task["github"]!["pull_request_url"]);
        var events = await JsonAsync(await setup.Client.GetAsync($"/api/events/{setup.TaskId}", Ct), HttpStatusCode.OK);
        Assert.Contains(events.AsArray(), e => (string?)e!["event_type"] == "git.pushed" && (string?)e["payload"]!["pull_request_url"] == (string?)opened["url"]);
        var view = await JsonAsync(await setup.Client.GetAsync($"/api/git/repos/{id}", Ct), HttpStatusCode.OK);
        var listed = Assert.Single(view["github"]!["pull_requests"]!.AsArray())!;
        Assert.Equal((setup.TaskId.ToString(), setup.Branch, 1), ((string?)listed["task_id"], (string?)listed["branch"], (int)listed["number"]!));
        AssertNoToken(setup);
    }

    [Fact]
    public async Task Without_a_token_both_endpoints_answer_503_saying_which_setting_to_set_and_call_nobody()
    {
        await using var setup = await StartAsync(configured: false);

        foreach (var action in new[] { "push", "pr" })
        {
            var problem = await JsonAsync(await setup.Client.PostAsync($"/api/git/repos/{setup.Project.Id}/{action}", null, Ct), HttpStatusCode.ServiceUnavailable);
            Assert.Contains("Catalyst:GitHub:Token", (string?)problem["detail"]);
        }
        Assert.Empty(setup.GitHub.Requests);
    }

    [Fact]
    public async Task An_unknown_project_is_404_and_bad_input_is_400_before_GitHub_is_called()
    {
        await using var setup = await StartAsync();
        var id = setup.Project.Id;

        foreach (var action in new[] { "push", "pr" })
        {
            var missing = await JsonAsync(await setup.Client.PostAsync($"/api/git/repos/{Guid.NewGuid()}/{action}", null, Ct), HttpStatusCode.NotFound);
            Assert.Contains("no project", (string?)missing["detail"]);
            await JsonAsync(await setup.Client.PostAsync($"/api/git/repos/not-a-guid/{action}", null, Ct), HttpStatusCode.BadRequest);
        }
        var cases = new (string Action, object Body, HttpStatusCode Status, string Detail)[]
        {
            ("push", new { branch = "-rf" }, HttpStatusCode.BadRequest, "not a branch name"),
            ("pr", new { @base = "main..evil" }, HttpStatusCode.BadRequest, "not a branch name"),
            ("pr", new { title = new string('t', 300) }, HttpStatusCode.BadRequest, "at most 256"),
            ("pr", new { branch = "main" }, HttpStatusCode.BadRequest, "its own base"),
            ("pr", new { task_id = setup.TaskId, branch = "feature/other" }, HttpStatusCode.BadRequest, setup.Branch),
            ("pr", new { task_id = Guid.NewGuid() }, HttpStatusCode.NotFound, "has no task"),
        };
        foreach (var (action, body, status, detail) in cases)
        {
            var problem = await JsonAsync(await setup.Client.PostAsJsonAsync($"/api/git/repos/{id}/{action}", body, Ct), status);
            Assert.Contains(detail, (string?)problem["detail"]);
        }
        var malformed = await setup.Client.PostAsync($"/api/git/repos/{id}/pr", new StringContent("{\"task_id\": 12}", System.Text.Encoding.UTF8, "application/json"), Ct);
        await JsonAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Empty(setup.GitHub.Requests);

        var unknownBranch = await JsonAsync(await setup.Client.PostAsJsonAsync($"/api/git/repos/{id}/push", new { branch = "feature/missing" }, Ct), HttpStatusCode.NotFound);
        Assert.Contains("feature/missing", (string?)unknownBranch["detail"]);
    }

    [Fact]
    public async Task GitHub_failing_is_a_502_problem_that_never_repeats_the_token()
    {
        await using var setup = await StartAsync();
        setup.GitHub.Failing = true; // its error message quotes the token

        foreach (var action in new[] { "push", "pr" })
        {
            var problem = await JsonAsync(await setup.Client.PostAsync($"/api/git/repos/{setup.Project.Id}/{action}", null, Ct), HttpStatusCode.BadGateway);
            Assert.Contains("500", (string?)problem["detail"]);
        }
        Assert.Contains(setup.GitHub.Requests, r => r.PathAndQuery.StartsWith("/api/v3/", StringComparison.Ordinal));
        AssertNoToken(setup);
    }

    [Fact]
    public async Task A_storage_mode_that_pushes_to_GitHub_without_a_token_stops_the_host_at_start()
    {
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Git:StorageMode"] = "both",
        }, PipelineAgents.None);

        var refused = Assert.ThrowsAny<Exception>(() => api.Services);
        Assert.Contains("Catalyst:GitHub:Token is not set", refused.ToString());
    }
}
