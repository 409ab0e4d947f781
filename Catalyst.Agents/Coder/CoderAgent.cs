using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder.Model;
using Catalyst.Agents.Planner;
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
/// A request the offline generator cannot build (a limitation) is written by the model when one is configured
/// (<see cref="ModelCoder"/>), and its fixes too; without a model, or when the model gives nothing usable, the
/// offline generator builds what it can, as before.
/// </summary>
public sealed class CoderAgent(
    ProjectRepositories repositories, IEnumerable<IAppGenerator> generators, ModelCoder modelCoder,
    IOptions<CatalystOptions> catalyst, IOptions<CoderOptions> options) : IAgent
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
        var designCommit = string.IsNullOrEmpty(proposed.Commit) ? "main" : proposed.Commit;
        var (spec, generator) = await DesignAtAsync(repository, designCommit, ct);
        var followUp = await FollowUpAtAsync(repository, designCommit, ct);

        context.Progress($"Setting up the {spec.Title} project ({spec.Stack.ToString().ToLowerInvariant()})...");
        var built = followUp is null && spec.Limitations.Count > 0 && modelCoder.Enabled ? await modelCoder.BuildAsync(context, spec, ct) : null;
        var lifted = built is null ? null : ModelCommits.Lifted(spec, built.Model);
        var commits = lifted is null ? generator.Generate(spec).ToList() : [.. await ModelCommits.ForAsync(repository, designCommit, lifted, built!, ct)];
        var branch = BranchFor(context);
        // A first app starts from the architecture commit; a follow-up from the approved app it changes, so the
        // branch's diff against that app is the change. A retried step starts the branch again from there.
        var baseCommit = followUp?.BaseCommit ?? designCommit;
        await repository.CheckoutAsync(branch, ct, startPoint: baseCommit);
        var head = baseCommit;
        if (followUp is not null)
        {
            context.Progress($"🔁 Building on {followUp.BaseBranch}: {string.Join("; ", followUp.Changes)}");
            head = await CarryDesignAsync(repository, designCommit, baseCommit, ct);
        }
        foreach (var commit in commits)
        {
            context.Progress($"🤖 {commit.Message.Split('\n')[0]}");
            head = await repository.CommitAsync(commit.Files, commit.Message + "\n\n[coder-agent]", ct);
            foreach (var file in commit.Files) context.Progress($"{(IsTest(file.Path) ? "🧪" : "📄")} Generated {file.Path}");
        }
        if (followUp is not null && await ObsoleteFilesAsync(repository, generator, baseCommit, commits, ct) is { Count: > 0 } obsolete)
        {
            head = await repository.CommitAsync([], $"refactor: remove what the change made obsolete\n\n- {string.Join("\n- ", obsolete)}\n\n[coder-agent]", ct, obsolete);
            foreach (var path in obsolete) context.Progress($"🗑️ Removed {path}");
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
        if (followUp is not null) payload["follow_up"] = followUp.ToNode();
        if (lifted is not null)
        {
            // The limitation is lifted: the task says what was built, and by what, instead of what was not.
            TaskMetadata.Set(context.Task, TaskMetadata.Limitations, new JsonArray());
            context.Progress($"🧠 The model {built!.Model} wrote what the offline generator cannot build: {built.Summary}");
            payload["built_by_model"] = built.Model;
        }
        await EmitOpenedAsync(context, repository, spec, baseCommit, head, fixRound: 0, payload, ct);
    }

    /// <summary>The follow-up the plan at <paramref name="revision"/> describes, or null for a first app.</summary>
    static async Task<PlanFollowUp?> FollowUpAtAsync(IGitRepository repository, string revision, CancellationToken ct) =>
        await repository.ReadFileAsync(revision, PlanDocuments.PlanPath, ct) is { } yaml && PlanDocuments.FromYaml(yaml).FollowUp is { BaseCommit.Length: > 0 } followUp
            ? followUp : null;

    /// <summary>
    /// This task's plan and design replace the approved app's on the branch, so the Tester and the Reviewer read
    /// the changed spec from the commit they check.
    /// </summary>
    static async Task<string> CarryDesignAsync(IGitRepository repository, string designCommit, string baseCommit, CancellationToken ct)
    {
        static bool IsDesign(string path) => path.StartsWith("planning/", StringComparison.Ordinal) || path.StartsWith("architecture/", StringComparison.Ordinal);
        var design = new List<GeneratedFile>();
        foreach (var path in (await repository.ListFilesAsync(designCommit, ct)).Where(IsDesign))
            design.Add(new GeneratedFile(path, (await repository.ReadFileAsync(designCommit, path, ct))!));
        var stale = (await repository.ListFilesAsync(baseCommit, ct)).Where(IsDesign).Except(design.Select(f => f.Path)).ToList();
        return await repository.CommitAsync(design, "docs: plan and design for this change\n\n[coder-agent]", ct, stale);
    }

    /// <summary>What the approved app's generation wrote that this one does not (a removed record's files).</summary>
    async Task<List<string>> ObsoleteFilesAsync(IGitRepository repository, IAppGenerator generator, string baseCommit, IReadOnlyList<CodeCommit> commits, CancellationToken ct)
    {
        var (before, previous) = await DesignAtAsync(repository, baseCommit, ct);
        if (previous.Stack != generator.Stack) return [];
        var now = commits.SelectMany(c => c.Files).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return [.. previous.Generate(before).SelectMany(c => c.Files).Select(f => f.Path).Distinct().Where(p => !now.Contains(p))];
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
        if (spec.BuiltByModel is not null)
        {
            await ModelFixAsync(context, repository, spec, request, tested, ct);
            return;
        }
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

    /// <summary>A model-written app's fix: the model is shown its files and every finding, and its changed files are the fix commit.</summary>
    async Task ModelFixAsync(AgentContext context, IGitRepository repository, AppSpec spec, FixRequest request, string tested, CancellationToken ct)
    {
        var schema = ModelCommits.Schema(spec).Path;
        static bool IsDesign(string path) => path.StartsWith("planning/", StringComparison.Ordinal) || path.StartsWith("architecture/", StringComparison.Ordinal);
        var current = new List<GeneratedFile>();
        foreach (var path in (await repository.ListFilesAsync(tested, ct)).Where(p => !IsDesign(p) && p != schema))
            if (await repository.ReadFileAsync(tested, path, ct) is { } content) current.Add(new GeneratedFile(path, content));
        var fix = modelCoder.Enabled ? await modelCoder.FixAsync(context, spec, request, current, ct) : null;
        if (fix is null)
        {
            context.FailTask($"The model could not fix the app it wrote: {request.Summary}. {request.Describe()}."
                + (modelCoder.Enabled ? " See the task's log for why." : " No model is configured any more, and the offline Coder cannot change a model-written app."));
            return;
        }
        var files = fix.Files.Where(f => f.Path != schema).ToList();
        var remove = fix.Remove.Where(p => p != schema && current.Any(f => f.Path == p)).ToList();
        var round = request.Round + 1;
        var what = string.Join("; ", new[]
        {
            files.Count == 0 ? null : $"rewrite {string.Join(", ", files.Select(f => f.Path))}",
            remove.Count == 0 ? null : $"remove {string.Join(", ", remove)}",
        }.Where(s => s is not null));
        context.Progress($"🔧 Fix round {round} of {options.Value.MaxFixRounds} by the model {fix.Model}: {what}");
        await repository.CheckoutAsync(BranchFor(context), ct, startPoint: tested);
        var head = await repository.CommitAsync(files, $"fix: {fix.Summary}\n\nFix round {round}, written by the model {fix.Model}: {request.Describe()}\n\n[coder-agent]", ct, remove);
        await repository.CheckoutAsync("main", ct);
        context.Progress($"🔀 Committed the fix to {BranchFor(context)}");
        var payload = new JsonObject
        {
            ["fixed"] = new JsonObject
            {
                ["rewritten"] = new JsonArray([.. files.Select(f => (JsonNode)f.Path)]),
                ["removed"] = new JsonArray([.. remove.Select(p => (JsonNode)p)]),
                ["findings"] = request.Findings.Count,
            },
            ["built_by_model"] = fix.Model,
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
