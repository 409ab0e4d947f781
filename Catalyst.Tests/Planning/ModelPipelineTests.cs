using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;

namespace Catalyst.Tests.Planning;

/// <summary>
/// A task through the real Planner, Architect, Coder, Tester and Reviewer with a model configured: the model's
/// plan validates and is built (with the model's design notes), its generated tests pass, and the Reviewer's AI review is a section beside the
/// static analysis that leaves the decision alone. Every call is metered, and the task's cost is their sum.
/// </summary>
public sealed class ModelPipelineTests(PostgresServerFixture postgres)
{
    const string Model = "catalyst-test-model";
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_model_made_plan_is_built_tested_and_approved_with_an_ai_review_beside_the_static_one()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(
            ModelAnswer.Json(ModelPlanningTests.BirdingSpec, promptTokens: 1000, completionTokens: 500),
            new ModelAnswer("## Purpose\n\nA journal of bird sightings.", PromptTokens: 2000, CompletionTokens: 100),
            new ModelAnswer("- `src/BirdingJournal/Models/Sighting.cs`: a sighting's count could default to 1.", PromptTokens: 3000, CompletionTokens: 200));
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder,tester,reviewer",
            ["ConnectionStrings:llm"] = server.ConnectionString(model: Model),
            [$"Catalyst:Llm:Prices:{Model}:InputPerMillion"] = "2",
            [$"Catalyst:Llm:Prices:{Model}:OutputPerMillion"] = "8",
        }, PipelineAgents.Real);
        var client = api.CreateClient();

        var taskId = await api.SubmitAsync("a birding journal", projectName: "birding");
        var (decision, failure) = await api.WaitForEventAsync(taskId, "review.decision", Patience);

        Assert.True(decision is not null, $"The task failed: {failure}");
        Assert.Equal("approved", (string?)decision["payload"]!["decision"]);
        var tests = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}/artifacts/test-results/test-summary.json", Ct))!;
        Assert.Equal("passed", (string?)tests["status"]);
        var aiReview = await client.GetStringAsync($"/api/tasks/{taskId}/artifacts/review/ai-review.md", Ct);
        Assert.Contains($"By {Model}", aiReview);
        Assert.Contains("count could default to 1", aiReview);
        Assert.Contains("## AI review", await client.GetStringAsync($"/api/tasks/{taskId}/artifacts/review/review-summary.md", Ct));
        // The Reviewer was shown the app's code, and the model's plan is what was built.
        var reviewRequest = server.Requests.Last().Text;
        Assert.Contains("Sighting", reviewRequest);
        Assert.Contains("Species", reviewRequest);

        var costs = (await client.GetFromJsonAsync<JsonObject>($"/api/costs?task_id={taskId}", Ct))!;
        Assert.Equal(["reviewer", "architect", "planner"], costs["latest_calls"]!.AsArray().Select(c => (string)c!["agent"]!));
        Assert.Equal(0.0076m + 0.0048m + 0.006m, (decimal)costs["cost"]!); // 3000 × 2 + 200 × 8, 2000 × 2 + 100 × 8, 1000 × 2 + 500 × 8, per million
        var task = (await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal((decimal)costs["cost"]!, (decimal)task["cost_total"]!);
    }
}
