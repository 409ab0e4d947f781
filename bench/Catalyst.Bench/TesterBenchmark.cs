using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Bench;

/// <summary>
/// The whole Tester step for one generated app, as the product runs it (clone, restore, build, test with TRX
/// and coverage, secret scan, the end-to-end browser check): first with an empty NuGet cache (cold), then
/// again with the cache that run filled (warm). Step times come from the test-summary.json the Tester wrote.
/// </summary>
public static class TesterBenchmark
{
    public sealed record Row(string Cache, string Step, double Seconds, bool Succeeded);

    public static async Task<IReadOnlyList<Row>> RunAsync(string prompt)
    {
        using var dataRoot = new TestDirectory("bench-tester");
        using var cache = new TestDirectory("bench-nuget");
        var catalyst = Options.Create(new CatalystOptions { DataRoot = dataRoot.Path });
        var spec = new RequestParser().Parse(prompt);
        var branch = "feature/task-bench";
        string head, repository;
        await using (var locked = await new ProjectRepositories(catalyst, Options.Create(new GitOptions())).OpenAsync(spec.Name, CancellationToken.None))
        {
            repository = locked.Repository.Root;
            await locked.Repository.CheckoutAsync(branch, CancellationToken.None);
            head = "";
            foreach (var commit in new DotnetAppGenerator().Generate(spec)) head = await locked.Repository.CommitAsync(commit.Files, commit.Message, CancellationToken.None);
        }

        var rows = new List<Row>();
        foreach (var label in new[] { "cold", "warm" })
        {
            var task = new TaskEntity { Id = Guid.CreateVersion7(), TraceId = Guid.NewGuid(), UserPrompt = prompt, Status = "testing", CreatedAt = DateTimeOffset.UtcNow };
            var opened = AgentEvent.Create(task.TraceId, task.Id, Actors.Coder, EventTypes.CodePrOpened,
                new JsonObject { ["branch"] = branch, ["local_repo"] = repository, ["stack"] = "dotnet" }, DateTimeOffset.UtcNow, spec.Name, branch, head);
            var agent = new TesterAgent(new ProcessSandbox(new ProcessRunner(), new SandboxOptions { NuGetPackages = cache.Path }), new BrowserCheck(new BrowserOptions()),
                catalyst, Options.Create(new TesterOptions()));
            // The step's unit of work (log lines, the emitted event) is tracked and never saved: no database is needed.
            await using var db = new CatalystDbContext(new DbContextOptionsBuilder<CatalystDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
            var context = new AgentContext(agent, opened, task, db, TimeProvider.System, new ServiceCollection().BuildServiceProvider());

            var clock = Stopwatch.StartNew();
            await agent.HandleAsync(context, opened, CancellationToken.None);
            clock.Stop();

            var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataRoot.Path, "artifacts", task.Id.ToString(), "test-results", "test-summary.json")))!;
            var steps = summary["steps"]!.AsArray().Select(s => new Row(label, (string)s!["name"]!, (long)s["duration_ms"]! / 1000.0,
                s["exit_code"] is { } code ? (int)code == 0 : (bool)s["passed"]!)).ToList();
            rows.AddRange(steps);
            rows.Add(new Row(label, "other", clock.Elapsed.TotalSeconds - steps.Sum(s => s.Seconds), true)); // clone, reports, secret scan
            rows.Add(new Row(label, "total", clock.Elapsed.TotalSeconds, (string?)summary["status"] == "passed"));
        }
        return rows;
    }
}
