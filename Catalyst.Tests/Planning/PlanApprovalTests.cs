using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Planning;

/// <summary>The user reads and corrects the understood spec before any code is written, over HTTP.</summary>
public sealed class PlanApprovalTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    const string Prompt = "a reading log where books have a title, an author and pages";

    [Fact]
    public async Task A_corrected_field_type_is_what_the_Coder_generates()
    {
        await using var api = await PlanningApi.StartAsync(postgres);
        var created = await api.SubmitAsync(new { prompt = Prompt, approve_plan = true });
        var taskId = Guid.Parse((string)created["task_id"]!);

        await api.WaitForStatusAsync(taskId, "awaiting_approval");
        var plan = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}/plan", Ct))!.AsObject();
        var spec = plan["spec"]!.AsObject();
        var book = spec["entities"]!.AsArray().Single(e => (string?)e!["name"] == "Book")!;
        var pages = book["fields"]!.AsArray().Single(f => (string?)f!["json_name"] == "pages")!;
        Assert.Equal("integer", (string?)pages["type"]);
        Assert.NotNull(plan["not_understood"]);
        Assert.NotNull(plan["relations"]);
        // Nothing was committed while the spec waits: no plan on main, no branch.
        await using (var repo = await api.RepositoryAsync((string)created["project_name"]!))
            Assert.Null(await repo.Repository.ReadFileAsync("main", "planning/plan.yaml", Ct));

        pages["type"] = "decimal";
        var approved = await api.Client.PostAsJsonAsync($"/api/tasks/{taskId}/plan/approve", new { spec }, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var code = await api.WaitForEventAsync(taskId, "code.pr.opened");
        await using var generated = await api.RepositoryAsync((string)created["project_name"]!);
        var model = string.Join("\n", await ModelSourcesAsync(generated.Repository, (string)code["branch"]!));
        Assert.Matches(@"decimal\??\s+Pages\b", model);
        var dataModels = JsonNode.Parse((await generated.Repository.ReadFileAsync("main", "architecture/data-models.json", Ct))!)!.ToJsonString();
        Assert.Contains("\"decimal\"", dataModels);

        // Answered once: a second approval is refused, and the plan shows the correction.
        var again = await api.Client.PostAsync($"/api/tasks/{taskId}/plan/approve", null, Ct);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "not awaiting approval");
    }

    static async Task<IEnumerable<string>> ModelSourcesAsync(Core.Git.GitRepository repository, string branch)
    {
        var files = await repository.ListFilesAsync(branch, Ct);
        var sources = new List<string>();
        foreach (var file in files.Where(f => f.StartsWith("src/", StringComparison.Ordinal) && f.EndsWith("/Book.cs", StringComparison.Ordinal)))
            sources.Add((await repository.ReadFileAsync(branch, file, Ct))!);
        return sources;
    }

    [Fact]
    public async Task An_invalid_correction_is_refused_with_the_reasons_and_the_task_keeps_waiting()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner");
        var taskId = Guid.Parse((string)(await api.SubmitAsync(new { prompt = Prompt, approve_plan = true }))["task_id"]!);
        await api.WaitForStatusAsync(taskId, "awaiting_approval");
        var spec = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}/plan", Ct))!["spec"]!.AsObject();

        var unknownType = spec.DeepClone().AsObject();
        unknownType["entities"]![0]!["fields"]![0]!["type"] = "gigabytes";
        await AssertProblemAsync(await api.Client.PostAsJsonAsync($"/api/tasks/{taskId}/plan/approve", new { spec = unknownType }, Ct),
            HttpStatusCode.BadRequest, "not valid");

        var badReference = spec.DeepClone().AsObject();
        badReference["entities"]![0]!["fields"]![0]!["type"] = "reference";
        badReference["entities"]![0]!["fields"]![0]!["references"] = "Shelf";
        var problem = await AssertProblemAsync(await api.Client.PostAsJsonAsync($"/api/tasks/{taskId}/plan/approve", new { spec = badReference }, Ct),
            HttpStatusCode.BadRequest, "must name one of the spec's entities");
        Assert.NotNull(problem["errors"]!["entities[0].fields[0].references"]);

        var emptyEnum = spec.DeepClone().AsObject();
        emptyEnum["entities"]![0]!["fields"]![0]!["type"] = "enum";
        await AssertProblemAsync(await api.Client.PostAsJsonAsync($"/api/tasks/{taskId}/plan/approve", new { spec = emptyEnum }, Ct),
            HttpStatusCode.BadRequest, "at least two options");

        var task = JsonNode.Parse(await api.Client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal("awaiting_approval", (string?)task["status"]);
    }

    [Fact]
    public async Task Rejecting_the_plan_cancels_the_task_and_unknown_tasks_get_404()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner");
        var taskId = Guid.Parse((string)(await api.SubmitAsync(new { prompt = Prompt, approve_plan = true }))["task_id"]!);
        await api.WaitForStatusAsync(taskId, "awaiting_approval");

        var rejected = await api.Client.PostAsJsonAsync($"/api/tasks/{taskId}/plan/reject", new { reason = "wrong app" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var task = JsonNode.Parse(await rejected.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("cancelled", (string?)task["status"]);
        await AssertProblemAsync(await api.Client.PostAsync($"/api/tasks/{taskId}/plan/approve", null, Ct), HttpStatusCode.Conflict, "cancelled");

        var unknown = Guid.NewGuid();
        await AssertProblemAsync(await api.Client.PostAsync($"/api/tasks/{unknown}/plan/approve", null, Ct), HttpStatusCode.NotFound, unknown.ToString());
        await AssertProblemAsync(await api.Client.GetAsync($"/api/tasks/{unknown}/plan", Ct), HttpStatusCode.NotFound, unknown.ToString());
    }

    [Fact]
    public async Task The_setting_makes_every_task_wait_and_an_uncorrected_approval_goes_on_as_understood()
    {
        await using var api = await PlanningApi.StartAsync(postgres, agents: "planner,architect",
            extra: new() { ["Catalyst:Agents:Planner:RequireApproval"] = "true" });
        var taskId = Guid.Parse((string)(await api.SubmitAsync(new { prompt = Prompt }))["task_id"]!);
        var waiting = await api.WaitForEventAsync(taskId, "plan.awaiting_approval");
        Assert.NotNull(waiting["payload"]!["spec"]);

        var approved = await api.Client.PostAsync($"/api/tasks/{taskId}/plan/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await api.WaitForEventAsync(taskId, "architecture.proposed");
    }

    static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Contains(detailContains, (string?)problem["detail"] ?? "", StringComparison.OrdinalIgnoreCase);
        return problem;
    }
}
