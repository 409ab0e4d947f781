using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Coder;

/// <summary>
/// Builds the app on feature/task-{id} from the architecture, in small conventional commits; and when the
/// tests fail or the review asks for changes, fixes what it can on the same branch, a bounded number of times.
/// </summary>
public sealed class CoderAgent(
    ProjectRepositories repositories, IEnumerable<IAppGenerator> generators, IOptions<CatalystOptions> catalyst, IOptions<CoderOptions> options) : IAgent
{
    public string Name => Actors.Coder;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.ArchitectureProposed, EventTypes.TestResults, EventTypes.ReviewDecision];
    public TaskState? Phase => TaskState.Coding;

    public Task HandleAsync(AgentContext context, AgentEvent trigger, CancellationToken ct) =>
        trigger.EventType == EventTypes.ArchitectureProposed ? GenerateAsync(context, trigger, ct) : FixAsync(context, trigger, ct);

    async Task GenerateAsync(AgentContext context, AgentEvent proposed, CancellationToken ct)
    {
        await using var locked = await repositories.OpenAsync(proposed.Repo, ct);
        var repository = locked.Repository;
        var baseCommit = string.IsNullOrEmpty(proposed.Commit) ? "main" : proposed.Commit;
        var (spec, generator) = await DesignAtAsync(repository, baseCommit, ct);

        context.Progress($"Setting up the {spec.Title} project ({spec.Stack.ToString().ToLowerInvariant()})...");
        var commits = generator.Generate(spec);
        var branch = BranchFor(context);
        // From the architecture commit; a retried step starts the branch again from there.
        await repository.CheckoutAsync(branch, ct, startPoint: baseCommit);
        var head = baseCommit;
        foreach (var commit in commits)
        {
            context.Progress($"🤖 {commit.Message.Split('\n')[0]}");
            head = await repository.CommitAsync(commit.Files, commit.Message + "\n\n[coder-agent]", ct);
            foreach (var file in commit.Files) context.Progress($"{(IsTest(file.Path) ? "🧪" : "📄")} Generated {file.Path}");
        }
        await repository.CheckoutAsync("main", ct);

        var files = commits.SelectMany(c => c.Files).GroupBy(f => f.Path).Select(g => g.Last()).ToList();
        var lines = files.Sum(f => f.Content.Count(c => c == '\n'));
        context.Progress($"✅ Code generation complete: {files.Count} files created ({lines:N0} lines)");
        context.Progress($"🔀 Committed to branch: {branch}");
        var payload = new JsonObject
        {
            ["files_created"] = files.Count,
            ["lines_of_code"] = lines,
            ["test_files"] = files.Count(f => IsTest(f.Path)),
            ["frontend_files"] = files.Count(f => f.Path.StartsWith(AppLayout.Frontend(spec) + "/", StringComparison.Ordinal)),
            ["commits"] = commits.Count,
        };
        await EmitOpenedAsync(context, repository, spec, baseCommit, head, fixRound: 0, payload, ct);
    }

    /// <summary>Back from the Tester or the Reviewer: fix the named files, or fail the task saying why not.</summary>
    async Task FixAsync(AgentContext context, AgentEvent trigger, CancellationToken ct)
    {
        var taskArtifacts = catalyst.Value.ArtifactsFor(context.Task.Id);
        var request = FixRequest.Read(trigger, taskArtifacts);
        ArtifactRounds.Archive(taskArtifacts, request.Round);
        var limit = options.Value.MaxFixRounds;
        context.Progress($"🔧 Back to the Coder: {request.Summary}. {request.Describe()}", "warning");
        if (request.Round >= limit)
        {
            context.FailTask($"Still not passing after {limit} fix round(s): {request.Summary}. {request.Describe()}");
            return;
        }

        await using var locked = await repositories.OpenAsync(trigger.Repo, ct);
        var repository = locked.Repository;
        var tested = trigger.Commit;
        var (spec, generator) = await DesignAtAsync(repository, tested, ct);
        var plan = await CodeFix.PlanAsync(request, [.. generator.Generate(spec).SelectMany(c => c.Files)], repository, tested, ct);
        if (plan.IsEmpty)
        {
            context.FailTask($"The offline Coder cannot fix this: {request.Summary}. {request.Describe()}. "
                + "It can regenerate the files it wrote and remove files it did not write, and none of the files involved qualify; the branch needs a change by hand.");
            return;
        }

        var round = request.Round + 1;
        context.Progress($"🔧 Fix round {round} of {limit}: {plan.Describe()}");
        // From the tested commit; a retried step makes the same fix again from there.
        await repository.CheckoutAsync(BranchFor(context), ct, startPoint: tested);
        var head = await repository.CommitAsync(plan.Restore, $"fix: {plan.Describe()}\n\nFix round {round}: {request.Describe()}\n\n[coder-agent]", ct, plan.Remove);
        await repository.CheckoutAsync("main", ct);
        context.Progress($"🔀 Committed the fix to {BranchFor(context)}");
        var payload = new JsonObject
        {
            ["fixed"] = new JsonObject
            {
                ["regenerated"] = new JsonArray([.. plan.Restore.Select(f => (JsonNode)f.Path)]),
                ["removed"] = new JsonArray([.. plan.Remove.Select(p => (JsonNode)p)]),
                ["findings"] = request.Findings.Count,
            },
            ["commits"] = 1,
        };
        await EmitOpenedAsync(context, repository, spec, tested, head, round, payload, ct);
    }

    async Task<(AppSpec Spec, IAppGenerator Generator)> DesignAtAsync(IGitRepository repository, string revision, CancellationToken ct)
    {
        var models = await repository.ReadFileAsync(revision, ArchitectureDocuments.DataModelsPath, ct)
            ?? throw new InvalidOperationException($"{ArchitectureDocuments.DataModelsPath} is not in {repository.Root} at {revision}.");
        var spec = AppSpecJson.FromNode(JsonNode.Parse(models)!["app"]!);
        var generator = generators.FirstOrDefault(g => g.Stack == spec.Stack)
            ?? throw new InvalidOperationException($"No generator is installed for the {spec.Stack} stack.");
        return (spec, generator);
    }

    static async Task EmitOpenedAsync(
        AgentContext context, IGitRepository repository, AppSpec spec, string baseCommit, string head, int fixRound, JsonObject payload, CancellationToken ct)
    {
        var branch = BranchFor(context);
        var diff = await repository.DiffSummaryAsync(baseCommit, head, ct);
        context.Task.BranchName = branch;
        context.Task.CommitSha = head;
        payload["branch"] = branch;
        payload["commit"] = head;
        payload["base_commit"] = baseCommit;
        payload["stack"] = spec.Stack.ToString().ToLowerInvariant();
        payload["fix_round"] = fixRound;
        payload["local_repo"] = repository.Root;
        payload["git_diff_summary"] = new JsonObject { ["additions"] = diff.Additions, ["deletions"] = diff.Deletions, ["files_changed"] = diff.FilesChanged };
        context.Emit(EventTypes.CodePrOpened, payload, branch: branch, commit: head);
    }

    static string BranchFor(AgentContext context) => $"feature/task-{context.Task.Id}";

    static bool IsTest(string path) =>
        path.StartsWith("tests/", StringComparison.Ordinal) || path.StartsWith("test/", StringComparison.Ordinal) || path.EndsWith(".test.js", StringComparison.Ordinal);
}
