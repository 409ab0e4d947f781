using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;

namespace Catalyst.Agents.Coder;

/// <summary>Builds the app on feature/task-{id} from the architecture, in small conventional commits.</summary>
public sealed class CoderAgent(ProjectRepositories repositories, IEnumerable<IAppGenerator> generators) : IAgent
{
    public string Name => Actors.Coder;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.ArchitectureProposed];
    public TaskState? Phase => TaskState.Coding;

    public async Task HandleAsync(AgentContext context, AgentEvent proposed, CancellationToken ct)
    {
        await using var locked = await repositories.OpenAsync(proposed.Repo, ct);
        var repository = locked.Repository;
        var baseCommit = string.IsNullOrEmpty(proposed.Commit) ? "main" : proposed.Commit;
        var models = await repository.ReadFileAsync(baseCommit, ArchitectureDocuments.DataModelsPath, ct)
            ?? throw new InvalidOperationException($"{ArchitectureDocuments.DataModelsPath} is not in {proposed.Repo} at {baseCommit}.");
        var spec = AppSpecJson.FromNode(JsonNode.Parse(models)!["app"]!);
        var generator = generators.FirstOrDefault(g => g.Stack == spec.Stack)
            ?? throw new InvalidOperationException($"No generator is installed for the {spec.Stack} stack.");

        context.Progress($"Setting up the {spec.Title} project ({spec.Stack.ToString().ToLowerInvariant()})...");
        var commits = generator.Generate(spec);
        var branch = $"feature/task-{context.Task.Id}";
        // From the architecture commit; a retried step starts the branch again from there.
        await repository.CheckoutAsync(branch, ct, startPoint: baseCommit);
        var head = baseCommit;
        foreach (var commit in commits)
        {
            context.Progress($"🤖 {commit.Message.Split('\n')[0]}");
            head = await repository.CommitAsync(commit.Files, commit.Message + "\n\n[coder-agent]", ct);
            foreach (var file in commit.Files) context.Progress($"{(IsTest(file.Path) ? "🧪" : "📄")} Generated {file.Path}");
        }
        var diff = await repository.DiffSummaryAsync(baseCommit, head, ct);
        await repository.CheckoutAsync("main", ct);

        var files = commits.SelectMany(c => c.Files).GroupBy(f => f.Path).Select(g => g.Last()).ToList();
        var lines = files.Sum(f => f.Content.Count(c => c == '\n'));
        context.Task.BranchName = branch;
        context.Task.CommitSha = head;
        context.Progress($"✅ Code generation complete: {files.Count} files created ({lines:N0} lines)");
        context.Progress($"🔀 Committed to branch: {branch}");
        context.Emit(EventTypes.CodePrOpened, new JsonObject
        {
            ["branch"] = branch,
            ["commit"] = head,
            ["base_commit"] = baseCommit,
            ["stack"] = spec.Stack.ToString().ToLowerInvariant(),
            ["files_created"] = files.Count,
            ["lines_of_code"] = lines,
            ["test_files"] = files.Count(f => IsTest(f.Path)),
            ["frontend_files"] = files.Count(f => f.Path.StartsWith(AppLayout.Frontend(spec) + "/", StringComparison.Ordinal)),
            ["commits"] = commits.Count,
            ["local_repo"] = repository.Root,
            ["git_diff_summary"] = new JsonObject { ["additions"] = diff.Additions, ["deletions"] = diff.Deletions, ["files_changed"] = diff.FilesChanged },
        }, branch: branch, commit: head);
    }

    static bool IsTest(string path) =>
        path.StartsWith("tests/", StringComparison.Ordinal) || path.StartsWith("test/", StringComparison.Ordinal) || path.EndsWith(".test.js", StringComparison.Ordinal);
}
