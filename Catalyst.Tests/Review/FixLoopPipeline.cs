using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Tests.Review;

/// <summary>
/// A generator that gets it wrong on purpose: each call's output (1 = the first generation, 2 = the first fix
/// round, ...) goes through <c>plant</c>. It stands in for a model whose first attempt is faulty.
/// </summary>
public sealed class PlantingGenerator(IAppGenerator inner, Func<int, IReadOnlyList<CodeCommit>, IReadOnlyList<CodeCommit>> plant) : IAppGenerator
{
    int calls;

    public AppStack Stack => inner.Stack;

    public IReadOnlyList<CodeCommit> Generate(AppSpec spec) => plant(Interlocked.Increment(ref calls), inner.Generate(spec));

    public static IReadOnlyList<CodeCommit> Edit(IReadOnlyList<CodeCommit> commits, string pathSuffix, string find, string replaceWith)
    {
        var edited = commits.Select(c => c with
        {
            Files = [.. c.Files.Select(f => f.Path.EndsWith(pathSuffix, StringComparison.Ordinal) && f.Content.Contains(find, StringComparison.Ordinal)
                ? f with { Content = f.Content.Replace(find, replaceWith, StringComparison.Ordinal) } : f)],
        }).ToList();
        Assert.NotEqual(commits.SelectMany(c => c.Files).Select(f => f.Content), edited.SelectMany(c => c.Files).Select(f => f.Content));
        return edited;
    }

    public static IReadOnlyList<CodeCommit> Add(IReadOnlyList<CodeCommit> commits, string path, string content) =>
        [.. commits, new CodeCommit("chore: add a file", [new GeneratedFile(path, content)])];
}

/// <summary>The real pipeline up to the Reviewer, embedded, with a <see cref="PlantingGenerator"/> for .NET apps.</summary>
public sealed class FixLoopPipeline(PipelineApi api) : IDisposable
{
    public sealed record Outcome(Guid TaskId, string Status, string? FailureReason, List<JsonObject> Events, string Artifacts)
    {
        public List<JsonObject> Payloads(string eventType) =>
            [.. Events.Where(e => (string?)e["event_type"] == eventType).Select(e => e["payload"]!.AsObject())];
    }

    public static async Task<FixLoopPipeline> StartAsync(PostgresServerFixture postgres, Func<int, IReadOnlyList<CodeCommit>, IReadOnlyList<CodeCommit>> plant) =>
        new(new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder,tester,reviewer",
        }, PipelineAgents.Real, services =>
        {
            services.RemoveAll<IAppGenerator>();
            services.AddSingleton<IAppGenerator>(new PlantingGenerator(new DotnetAppGenerator(), plant));
        }));

    /// <summary>Submits the prompt and waits until the task is approved by the Reviewer or fails.</summary>
    public async Task<Outcome> RunAsync(string prompt, TimeSpan timeout)
    {
        var taskId = await api.SubmitAsync(prompt, projectName: null);
        var client = api.CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}"))!;
            var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}"))!.AsArray().Select(e => e!.AsObject()).ToList();
            var approved = events.Any(e => (string?)e["event_type"] == "review.decision" && (string?)e["payload"]!["decision"] == "approved");
            if (approved || (string?)task["status"] == "failed")
                return new Outcome(taskId, (string)task["status"]!, (string?)task["failure_reason"], events, Path.Combine(api.DataRoot, "artifacts", taskId.ToString()));
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Task {taskId} is still '{task["status"]}' after {timeout.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>The task's repository, read as the product reads it (libgit2, no git binary).</summary>
    public static Core.Git.GitRepository Repository(Outcome outcome) =>
        new((string)outcome.Payloads("code.pr.opened")[0]["local_repo"]!, new Core.Git.GitOptions());

    public void Dispose() => api.Dispose();
}
