using System.Diagnostics;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Catalyst.Bench;

/// <summary>
/// The Planner's, Architect's and Coder's own work for one request, as the agents do it: understanding, plan,
/// architecture, every generated file, and each git commit into a real repository. The bus and the database
/// are not part of it (the pipeline benchmark measures those); neither is building the generated app.
/// </summary>
public static class GenerationBenchmark
{
    public sealed record Result(string Prompt, List<double> Planner, List<double> Architect, List<double> Coder, int Files);

    public static async Task<Result> RunAsync(string prompt, int runs)
    {
        var (planner, architect, coder) = (new List<double>(), new List<double>(), new List<double>());
        var files = 0;
        IAppGenerator[] generators = [new DotnetAppGenerator(), new NodeAppGenerator()];
        for (var run = 0; run < runs; run++)
        {
            using var root = new TestDirectory("bench-gen");
            var repositories = new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = root.Path }), Options.Create(new GitOptions()));
            var clock = Stopwatch.StartNew();

            var plan = new PlanBuilder().Build(new RequestParser().Parse(prompt));
            string planCommit;
            await using (var locked = await repositories.OpenAsync(plan.Domain.Name, CancellationToken.None))
            {
                await locked.Repository.CheckoutAsync("main", CancellationToken.None);
                planCommit = await locked.Repository.CommitAsync(PlanDocuments.Files(plan), PlanDocuments.CommitMessage(plan), CancellationToken.None);
            }
            planner.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            string designCommit;
            await using (var locked = await repositories.OpenAsync(plan.Domain.Name, CancellationToken.None))
            {
                var read = PlanDocuments.FromYaml((await locked.Repository.ReadFileAsync(planCommit, PlanDocuments.PlanPath, CancellationToken.None))!);
                designCommit = await locked.Repository.CommitAsync(ArchitectureDocuments.Files(read), "docs(architecture): design", CancellationToken.None);
            }
            architect.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            await using (var locked = await repositories.OpenAsync(plan.Domain.Name, CancellationToken.None))
            {
                var models = (await locked.Repository.ReadFileAsync(designCommit, ArchitectureDocuments.DataModelsPath, CancellationToken.None))!;
                var spec = AppSpecJson.FromNode(System.Text.Json.Nodes.JsonNode.Parse(models)!["app"]!);
                await locked.Repository.CheckoutAsync("feature/task-bench", CancellationToken.None, startPoint: designCommit);
                var commits = generators.Single(g => g.Stack == spec.Stack).Generate(spec);
                foreach (var commit in commits) await locked.Repository.CommitAsync(commit.Files, commit.Message, CancellationToken.None);
                files = commits.SelectMany(c => c.Files).Select(f => f.Path).Distinct().Count();
            }
            coder.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new Result(prompt, planner, architect, coder, files);
    }
}
