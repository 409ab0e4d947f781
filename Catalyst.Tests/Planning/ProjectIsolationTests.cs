using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Planning;

/// <summary>A new request starts a new project; only naming an existing one continues it.</summary>
public sealed class ProjectIsolationTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_requests_whose_names_collide_get_two_projects_and_the_first_main_is_untouched()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner,architect");
        const string prompt = "a customer app where customers have a name, an email and a phone";

        var first = await api.SubmitAsync(new { prompt });
        var firstId = Guid.Parse((string)first["task_id"]!);
        await api.WaitForEventAsync(firstId, "architecture.proposed");
        string firstMain;
        IReadOnlyList<Core.Git.GitCommit> firstLog;
        await using (var repo = await api.RepositoryAsync((string)first["project_name"]!))
        {
            firstMain = await repo.Repository.HeadAsync(Ct);
            firstLog = await repo.Repository.LogAsync("main", 50, Ct);
        }

        var second = await api.SubmitAsync(new { prompt });
        var secondId = Guid.Parse((string)second["task_id"]!);
        await api.WaitForEventAsync(secondId, "architecture.proposed");

        Assert.NotEqual((string)first["project_id"]!, (string)second["project_id"]!);
        Assert.NotEqual(Slug(first), Slug(second));
        Assert.Equal(Slug(first) + "-2", Slug(second));
        await using (var repo = await api.RepositoryAsync((string)first["project_name"]!))
        {
            Assert.Equal(firstMain, (await repo.Repository.LogAsync("main", 1, Ct))[0].Sha);
            Assert.Equal(firstLog.Select(c => c.Sha), (await repo.Repository.LogAsync("main", 50, Ct)).Select(c => c.Sha));
        }
        await using (var repo = await api.RepositoryAsync((string)second["project_name"]!))
            Assert.NotEmpty(await repo.Repository.LogAsync("main", 50, Ct));

        var projects = JsonNode.Parse(await api.Client.GetStringAsync("/api/projects", Ct))!.AsArray();
        Assert.Equal(2, projects.Count);
        Assert.Equal(2, projects.Select(p => (string?)p!["name"]).Distinct().Count());
    }

    [Fact]
    public async Task A_task_that_names_a_project_by_id_or_exact_name_continues_it_and_an_unknown_id_is_404()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "none");
        var first = await api.SubmitAsync(new { prompt = "a plant tracker", project_name = "Greenhouse" });
        var byName = await api.SubmitAsync(new { prompt = "now add a watering date", project_name = "greenhouse" });
        var byId = await api.SubmitAsync(new { prompt = "now add a photo url", project_id = (string)first["project_id"]! });
        Assert.Equal((string)first["project_id"]!, (string)byName["project_id"]!);
        Assert.Equal((string)first["project_id"]!, (string)byId["project_id"]!);

        var unknown = Guid.NewGuid();
        var response = await api.Client.PostAsync("/api/tasks",
            new StringContent($$"""{"prompt":"x","project_id":"{{unknown}}"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(unknown.ToString(), (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]);
    }

    static string Slug(JsonObject created) => Core.Projects.ProjectSlug.From((string)created["project_name"]!)!;
}
