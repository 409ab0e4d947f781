using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Api;

/// <summary>
/// <c>GET /api/tasks/{id}/diff</c> before there is anything to compare: a clear problem, never an empty diff. (The
/// diff of a real build and of its follow-up is checked with the task page, in Web/TaskPageTests.)
/// </summary>
public sealed class TaskDiffApiTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_task_and_a_task_without_a_branch_each_get_a_404_saying_which()
    {
        await using var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var client = api.CreateClient();
        // Held for plan approval: no agent opens a branch for it.
        var created = await client.PostAsJsonAsync("/api/tasks", new { prompt = "a recipe book", approve_plan = true }, Ct);
        var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;

        var unknown = await client.GetAsync($"/api/tasks/{Guid.NewGuid()}/diff", Ct);
        var noCode = await client.GetAsync($"/api/tasks/{taskId}/diff", Ct);

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (noCode.StatusCode, noCode.Content.Headers.ContentType?.MediaType));
        Assert.Equal("No code yet", (string?)JsonNode.Parse(await noCode.Content.ReadAsStringAsync(Ct))!["title"]);
        Assert.NotEqual("No code yet", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync(Ct))!["title"]);
    }
}
