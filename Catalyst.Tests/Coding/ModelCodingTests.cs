using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Projects;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Coding;

/// <summary>
/// A request the offline generator cannot build, with a model configured, through the real Planner, Architect,
/// Coder, Tester, Reviewer and Deployer: the Coder asks the model for the app's files, the Tester really runs the
/// model's tests, a failing round goes back to the model with the failure, and the fixed app is approved and the
/// limitation lifted.
/// </summary>
public sealed class ModelCodingTests(PostgresServerFixture postgres)
{
    const string Model = "catalyst-test-model";
    const string Prompt = "a tic-tac-toe game in node";
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the scripted model reads the request as: the records app the offline reading guesses too.</summary>
    static readonly JsonObject GameSpec = new()
    {
        ["kind"] = "crud",
        ["title"] = "Tic Tac Toe",
        ["stack"] = "node",
        ["entities"] = new JsonArray(new JsonObject
        {
            ["name"] = "Game",
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "name", ["type"] = "string", ["required"] = true }),
        }),
    };

    [Fact]
    public async Task A_request_the_offline_generator_cannot_build_is_written_by_the_model_and_fixed_from_its_failing_tests()
    {
        await using var server = await ModelServer.StartAsync();
        server.Enqueue(
            ModelAnswer.Json(GameSpec),
            new ModelAnswer("## Purpose\n\nA game of tic-tac-toe for two players."),
            ModelAnswer.Json(TicTacToeApp.FirstRound(), promptTokens: 3000, completionTokens: 2500),
            ModelAnswer.Json(TicTacToeApp.Fix(), promptTokens: 5000, completionTokens: 300),
            new ModelAnswer("- `src/game.js`: the lines could be named."));
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["ConnectionStrings:llm"] = server.ConnectionString(model: Model),
            ["Catalyst:Preview:Mode"] = "ComposeOnly", // the model's app and its review are the point, not a running preview
        }, PipelineAgents.Real);
        var client = api.CreateClient();
        var clock = Stopwatch.StartNew();

        var taskId = await api.SubmitAsync(Prompt, projectName: "tic-tac-toe");
        var (_, failure) = await api.WaitForEventAsync(taskId, EventTypes.DeployComplete, Patience);

        Assert.True(failure is null, $"The task failed: {failure}");
        TestContext.Current.SendDiagnosticMessage($"The model-coded task completed in {clock.Elapsed.TotalSeconds:0.0} s");
        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal("completed", (string?)task["status"]);
        var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray().Select(e => e!.AsObject()).ToList();
        JsonNode Payload(string type, int round) => events.Single(e => (string?)e["event_type"] == type && (int?)e["payload"]!["fix_round"] == round)["payload"]!;

        // The offline reading could not build it, and said so in the plan.
        var planned = events.Single(e => (string?)e["event_type"] == EventTypes.PlanCreated)["payload"]!;
        Assert.Contains("cannot build", (string?)planned["limitations"]![0]);

        // Round 0: the model's app, whose own test of a row fails in the Tester's real run.
        Assert.Equal(Model, (string?)Payload(EventTypes.CodePrOpened, 0)["built_by_model"]);
        var first = Payload(EventTypes.TestResults, 0);
        Assert.False((bool)first["passed"]!);
        Assert.Equal(1, (int?)first["failed"]);

        // The failure went back to the model, with the files as they stood.
        var coderRequests = server.Requests.Where(r => r.Text.Contains("app_files")).ToList();
        Assert.Equal(2, coderRequests.Count);
        Assert.Contains(TicTacToeApp.FailingTest, coderRequests[1].Text);
        Assert.Contains("fails", coderRequests[1].Text);
        Assert.Contains("LINES.slice(3)", coderRequests[1].Text);

        // Round 1: the model's fix passes all six of its tests, and the review approves it.
        Assert.Equal(Model, (string?)Payload(EventTypes.CodePrOpened, 1)["built_by_model"]);
        var second = Payload(EventTypes.TestResults, 1);
        Assert.True((bool)second["passed"]!, second.ToJsonString());
        Assert.Equal((6, 0), ((int)second["total"]!, (int)second["failed"]!));
        var decision = Payload(EventTypes.ReviewDecision, 1);
        Assert.Equal("approved", (string?)decision["decision"]);
        var summary = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}/artifacts/test-results/test-summary.json", Ct))!;
        Assert.Equal("passed", (string?)summary["status"]);

        // The limitation is lifted: the task has none, and the plan on the branch says which model built the app.
        Assert.Empty(task["limitations"]?.AsArray() ?? []);
        var reviewed = (string)events.Single(e => (string?)e["event_type"] == EventTypes.ReviewDecision && (int?)e["payload"]!["fix_round"] == 1)["commit"]!;
        await using var repository = await new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = api.DataRoot }), Options.Create(new GitOptions()))
            .OpenAsync(ProjectSlug.From("tic-tac-toe")!, Ct);
        var plan = await repository.Repository.ReadFileAsync(reviewed, "planning/acceptance.md", Ct);
        Assert.Contains($"The model {Model} wrote this app", plan);
        Assert.DoesNotContain("## Not built", plan);
    }

    [Fact]
    public async Task When_the_models_files_are_not_usable_twice_the_offline_generator_builds_what_it_can_and_the_limitation_stands()
    {
        await using var server = await ModelServer.StartAsync();
        var escaping = new JsonObject
        {
            ["summary"] = "A game.",
            ["files"] = new JsonArray(new JsonObject { ["path"] = "../../outside.js", ["content"] = "x" }),
        };
        server.Enqueue(ModelAnswer.Json(GameSpec), new ModelAnswer("## Purpose\n\nA game."), ModelAnswer.Json(escaping), ModelAnswer.Json(escaping));
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["ConnectionStrings:llm"] = server.ConnectionString(model: Model),
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder",
        }, PipelineAgents.Real);
        var client = api.CreateClient();

        var taskId = await api.SubmitAsync(Prompt, projectName: "tic-tac-toe");
        var (opened, failure) = await api.WaitForEventAsync(taskId, EventTypes.CodePrOpened, Patience);

        Assert.True(opened is not null, $"The task failed: {failure}");
        Assert.Null(opened["payload"]!["built_by_model"]);
        var coderRequests = server.Requests.Where(r => r.Text.Contains("app_files")).ToList();
        Assert.Equal(2, coderRequests.Count);
        Assert.Contains("not a relative path inside the repository", coderRequests[1].Text); // sent back once with its errors
        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Contains("cannot build", (string?)task["limitations"]![0]);
        var log = await client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct);
        Assert.Contains("The model wrote no usable app", log);
        Assert.DoesNotContain("outside.js", await ListBranchAsync(api, taskId));
    }

    static async Task<string> ListBranchAsync(PipelineApi api, Guid taskId)
    {
        await using var repository = await new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = api.DataRoot }), Options.Create(new GitOptions()))
            .OpenAsync(ProjectSlug.From("tic-tac-toe")!, Ct);
        return string.Join("\n", await repository.Repository.ListFilesAsync($"feature/task-{taskId}", Ct));
    }
}
