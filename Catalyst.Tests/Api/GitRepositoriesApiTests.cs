using System.Net;
using System.Text.Json.Nodes;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Tests.Api;

/// <summary>
/// The repository list, one repository's branches and a branch's history over HTTP, on real project rows and
/// real repositories committed through GitRepository (libgit2).
/// </summary>
public sealed class GitRepositoriesApiTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record Repos(CatalystApiFactory Api, HttpClient Client, ProjectEntity Project, ProjectEntity Empty, string First, string Second, string Feature) : IAsyncDisposable
    {
        public string RepositoriesRoot => Api.Services.GetRequiredService<ProjectRepositories>().RepositoriesRoot;

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }

    /// <summary>One project whose main has two commits and whose feature/search branches off the first; one with no repository.</summary>
    async Task<Repos> StartAsync()
    {
        var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        ProjectEntity project, empty;
        using (var scope = api.Services.CreateScope())
        {
            var projects = scope.ServiceProvider.GetRequiredService<ProjectRepository>();
            project = await projects.AddUniqueAsync("Shop Front", Ct);
            empty = await projects.AddUniqueAsync("Not Started", Ct);
        }
        await using var locked = await api.Services.GetRequiredService<ProjectRepositories>().OpenAsync(project.Slug, Ct);
        var repository = locked.Repository;
        await repository.CheckoutAsync("main", Ct);
        var first = await repository.CommitAsync([new("README.md", "# Shop\n")], "docs: readme\n\nWhat the shop is for.", Ct);
        await repository.CheckoutAsync("feature/search", Ct, startPoint: first);
        var feature = await repository.CommitAsync([new("src/search.js", "export const search = () => [];\n")], "feat: search", Ct);
        await repository.CheckoutAsync("main", Ct);
        var second = await repository.CommitAsync([new("src/app.js", "console.log('shop');\n")], "feat: app", Ct);
        return new Repos(api, api.CreateClient(), project, empty, first, second, feature);
    }

    static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        if (expected != HttpStatusCode.OK) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task The_list_has_each_project_with_a_repository_its_branches_and_the_newest_commit_on_main()
    {
        await using var repos = await StartAsync();

        var response = await repos.Client.GetAsync("/api/git/repos", Ct);
        var list = (await JsonAsync(response)).AsArray();

        var item = Assert.Single(list)!; // the project that has committed nothing has no repository to list
        Assert.Equal(repos.Project.Id.ToString(), (string?)item["project_id"]);
        Assert.Equal("Shop Front", (string?)item["name"]);
        Assert.Equal("main", (string?)item["default_branch"]);
        Assert.Equal(["feature/search", "main"], item["branches"]!.AsArray().Select(b => (string)b!));
        Assert.Equal(repos.Second, (string?)item["last_commit"]!["sha"]);
        Assert.Equal("feat: app", (string?)item["last_commit"]!["subject"]);
        Assert.DoesNotContain(repos.RepositoriesRoot, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_repository_shows_every_branch_with_its_head_and_its_size_but_not_where_it_lives()
    {
        await using var repos = await StartAsync();

        var response = await repos.Client.GetAsync($"/api/git/repos/{repos.Project.Id}", Ct);
        var repository = await JsonAsync(response);

        Assert.Equal("Shop Front", (string?)repository["name"]);
        Assert.Equal(("main", "main"), ((string?)repository["default_branch"], (string?)repository["checked_out_branch"]));
        var heads = repository["branches"]!.AsArray().ToDictionary(b => (string)b!["name"]!, b => (string)b!["head"]!["sha"]!);
        Assert.Equal(new Dictionary<string, string> { ["feature/search"] = repos.Feature, ["main"] = repos.Second }, heads);
        Assert.True((long)repository["size_bytes"]! > 0);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(repos.RepositoriesRoot, body);
        Assert.DoesNotContain("\"path\"", body);
    }

    [Fact]
    public async Task A_branch_history_is_newest_first_with_messages_authors_and_parents()
    {
        await using var repos = await StartAsync();

        var main = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{repos.Project.Id}/commits", Ct));
        var feature = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{repos.Project.Id}/commits?branch=feature/search&limit=1", Ct));

        Assert.Equal(("main", 50), ((string?)main["branch"], (int)main["limit"]!));
        var commits = main["commits"]!.AsArray();
        Assert.Equal([repos.Second, repos.First], commits.Select(c => (string)c!["sha"]!));
        Assert.Equal([repos.First], commits[0]!["parents"]!.AsArray().Select(p => (string)p!));
        Assert.Empty(commits[1]!["parents"]!.AsArray());
        Assert.Equal("docs: readme", (string?)commits[1]!["subject"]);
        Assert.Equal("docs: readme\n\nWhat the shop is for.\n", (string?)commits[1]!["message"]);
        Assert.All(commits, c => Assert.Equal(("Catalyst AI", "ai@catalyst.dev"), ((string?)c!["author"], (string?)c["author_email"])));
        Assert.True(DateTimeOffset.UtcNow - (DateTimeOffset)commits[0]!["date"]! < TimeSpan.FromMinutes(5));
        Assert.Equal([repos.Feature], feature["commits"]!.AsArray().Select(c => (string)c!["sha"]!));
    }

    [Theory]
    [InlineData("{project}/commits?limit=0", "limit must be a whole number from 1 to 500")]
    [InlineData("{project}/commits?limit=501", "'501' is not")]
    [InlineData("{project}/commits?limit=ten", "'ten' is not")]
    [InlineData("{project}/commits?limit=-1", "'-1' is not")]
    [InlineData("{project}/commits?branch=--output=/tmp/x", "is not a branch, tag or commit name")]
    [InlineData("{project}/commits?branch=main..feature/search", "without '..'")]
    [InlineData("not-a-guid", "'not-a-guid' is not a project id")]
    [InlineData("42/commits", "'42' is not a project id")]
    public async Task Wrong_ids_limits_and_branch_names_are_a_400_problem(string route, string detail)
    {
        await using var repos = await StartAsync();

        var problem = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{route.Replace("{project}", repos.Project.Id.ToString())}", Ct), HttpStatusCode.BadRequest);

        Assert.Contains(detail, (string?)problem["detail"]);
    }

    [Fact]
    public async Task An_unknown_project_a_project_without_a_repository_and_an_unknown_branch_are_a_404_problem()
    {
        await using var repos = await StartAsync();
        var unknown = Guid.NewGuid();

        var noProject = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{unknown}", Ct), HttpStatusCode.NotFound);
        var noProjectHistory = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{unknown}/commits", Ct), HttpStatusCode.NotFound);
        var noRepository = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{repos.Empty.Id}", Ct), HttpStatusCode.NotFound);
        var noHistory = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{repos.Empty.Id}/commits", Ct), HttpStatusCode.NotFound);
        var noBranch = await JsonAsync(await repos.Client.GetAsync($"/api/git/repos/{repos.Project.Id}/commits?branch=release", Ct), HttpStatusCode.NotFound);

        Assert.Contains($"There is no project with id {unknown}", (string?)noProject["detail"]);
        Assert.Contains($"There is no project with id {unknown}", (string?)noProjectHistory["detail"]);
        Assert.Contains("has no repository yet", (string?)noRepository["detail"]);
        Assert.Contains("has no repository yet", (string?)noHistory["detail"]);
        Assert.Contains("has no branch 'release'", (string?)noBranch["detail"]);
        Assert.False(Directory.Exists(repos.Api.Services.GetRequiredService<ProjectRepositories>().PathFor(repos.Empty.Slug)));
    }
}
