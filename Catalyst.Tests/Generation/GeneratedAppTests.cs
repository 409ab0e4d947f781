using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalyst.Agents.Planner;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.Serialization;

namespace Catalyst.Tests.Generation;

/// <summary>
/// The six prompts of the generation issue (and two more), through the real Planner, Architect, Coder, Tester
/// and Reviewer: the Tester's totals are checked against the test cases in the source, the browser check must
/// pass, and the Reviewer must approve.
/// </summary>
public sealed partial class GeneratedAppTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Prompts => new(GeneratedApps.Prompts);

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task The_Tester_reports_the_true_totals_the_browser_check_passes_and_the_Reviewer_approves(string prompt) =>
        await AssertTestedBrowsedAndApprovedAsync((await GeneratedApps.GetAsync(postgres)).For(prompt), prompt);

    /// <summary>The Tester's totals equal the declared tests, the browser check passed, and the Reviewer approved.</summary>
    internal static async Task AssertTestedBrowsedAndApprovedAsync(GeneratedApps.Generated app, string prompt)
    {
        Assert.Single(app.Events, e => (string?)e["event_type"] == "code.pr.opened"); // no fix round was needed

        // The totals the Tester read from the runner's report equal the test cases written in the source.
        var results = app.Last("test.results")!;
        var declared = await DeclaredTestsAsync(app);
        TestContext.Current.SendDiagnosticMessage($"{prompt}: {(int)results["total"]!} tests ran, {declared} declared, coverage {(double?)results["coverage"]:P0}");
        Assert.True((bool)results["passed"]!, results.ToJsonString());
        Assert.Equal(declared, (int)results["total"]!);
        Assert.Equal(0, (int)results["failed"]!);
        Assert.True(declared >= 3, $"only {declared} tests");

        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Artifacts, "test-results", "test-summary.json"), Ct))!;
        Assert.Equal(app.Commit, (string?)summary["commit"]);
        Assert.True((bool)summary["browser"]!["passed"]!, summary["browser"]!.ToJsonString());
        Assert.True(new FileInfo(Path.Combine(app.Artifacts, "test-results", "e2e", "screenshot.png")).Length > 1000);
        var steps = summary["steps"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.Equal((string)app.Payload["stack"]! == "node" ? ["restore", "test", "e2e"] : ["restore", "build", "test", "e2e"], steps);
        Assert.True(summary["coverage"]!["line_rate"]!.GetValue<double>() > 0.5);

        var review = app.Last("review.decision")!;
        Assert.Equal("approved", (string?)review["decision"]);
        Assert.True((int)review["score"]! >= 75, review.ToJsonString());
        Assert.Equal(0, (int)review["blocking_issues"]!);
        foreach (var file in new[] { "review-summary.md", "code-quality.json", "security-review.json", "recommendations.md", "review-decision.json" })
            Assert.True(File.Exists(Path.Combine(app.Artifacts, "review", file)), file);
        var quality = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Artifacts, "review", "code-quality.json"), Ct))!;
        if ((string)app.Payload["stack"]! == "dotnet") Assert.True((int)quality["csharp"]!["methods"]! > 5);
        // Approved, it waits for the Deployer (not part of these tests) in 'reviewing'.
        Assert.Equal("reviewing", app.Status);
    }

    /// <summary>Test cases written in the source at the tested commit: facts plus inline data rows (.NET), test() calls (node).</summary>
    internal static async Task<int> DeclaredTestsAsync(GeneratedApps.Generated app)
    {
        var files = await Repository(app).ListFilesAsync(app.Commit, Ct);
        var total = 0;
        foreach (var file in files.Where(f => (f.StartsWith("tests/", StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal)) || f.EndsWith(".test.js", StringComparison.Ordinal)))
        {
            var source = await ShowAsync(app, app.Commit, file);
            total += file.EndsWith(".cs", StringComparison.Ordinal) ? Count(source, "[Fact]") + Count(source, "[InlineData(") : NodeTestCall().Count(source);
        }
        return total;
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task The_plan_parses_and_the_OpenAPI_contract_is_valid(string prompt) =>
        await AssertPlanAndContractAsync((await GeneratedApps.GetAsync(postgres)).For(prompt));

    /// <summary>The plan parses and is consistent with its event; the OpenAPI contract is valid and has the plan's endpoints.</summary>
    internal static async Task<(Plan Plan, OpenApiDocument Contract)> AssertPlanAndContractAsync(GeneratedApps.Generated app)
    {
        var plan = PlanDocuments.FromYaml(await ShowAsync(app, "main", PlanDocuments.PlanPath));
        Assert.NotEmpty(plan.Features);
        Assert.All(plan.Tasks, t => Assert.All(t.DependsOn, d => Assert.Contains(plan.Tasks, other => other.Id == d)));
        var planned = app.Events.Single(e => (string?)e["event_type"] == "plan.created")["payload"]!;
        Assert.Equal(plan.Features.Count, (int)planned["feature_count"]!);
        Assert.Equal(plan.Tasks.Count, (int)planned["task_count"]!);
        Assert.Equal(plan.ApiEndpoints.Count, (int)planned["api_endpoint_count"]!);

        var yaml = await ShowAsync(app, "main", "architecture/api-contracts/openapi.yaml");
        var json = ToJson(new DeserializerBuilder().Build().Deserialize<object>(yaml))!.ToJsonString();
        var read = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(plan.ApiEndpoints.Count, document.Paths!.Sum(p => p.Value?.Operations?.Count ?? 0));
        Assert.StartsWith("<svg", await ShowAsync(app, "main", "architecture/architecture-diagram.svg"));
        return (plan, document);
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task Git_history_has_the_plan_and_design_on_main_and_the_code_in_commits_on_the_task_branch(string prompt)
    {
        var app = (await GeneratedApps.GetAsync(postgres)).For(prompt);
        var main = await Repository(app).LogAsync("main", 1000, Ct);
        Assert.Equal(["docs(architecture)", "feat(planning)"], main.Select(c => c.Subject.Split(':')[0]));
        Assert.All(main, c => Assert.Equal("Catalyst AI", c.Author));

        Assert.Equal($"feature/task-{app.TaskId}", app.Branch);
        var onMain = main.Select(c => c.Sha).ToHashSet();
        var branchOnly = (await Repository(app).LogAsync(app.Branch, 1000, Ct)).Where(c => !onMain.Contains(c.Sha)).ToList();
        Assert.True(branchOnly.Count >= 5, $"only {branchOnly.Count} commits on the branch");
        Assert.All(branchOnly, c => Assert.Matches(ConventionalCommit(), c.Subject));
        Assert.Equal(app.Commit, branchOnly[0].Sha);

        var files = await Repository(app).ListFilesAsync(app.Branch, Ct);
        var added = ChangedPaths(app, "main", app.Branch);
        Assert.Equal(added.Count, (int)app.Payload["files_created"]!);
        Assert.Equal(added.Count, (int)app.Payload["git_diff_summary"]!["files_changed"]!);
        Assert.Equal(added.Count(f => f.StartsWith("test", StringComparison.Ordinal)), (int)app.Payload["test_files"]!);
        Assert.Contains("README.md", files);
        Assert.Contains("Dockerfile", files);
        Assert.Contains(files, f => f.EndsWith("schema.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Different_requests_give_different_apps_and_the_user_sees_progress()
    {
        var apps = await GeneratedApps.GetAsync(postgres);
        TestContext.Current.SendDiagnosticMessage($"Planner to Reviewer for {GeneratedApps.Prompts.Length} prompts: {apps.Elapsed.TotalSeconds:0.0} s");
        var routes = new List<string>();
        foreach (var prompt in GeneratedApps.Prompts)
        {
            var app = apps.For(prompt);
            var schemaPath = (string)app.Payload["stack"]! == "node" ? "public/schema.json" : await SchemaPathAsync(app);
            var schema = JsonNode.Parse(await ShowAsync(app, app.Branch, schemaPath))!;
            routes.Add(string.Join(",", schema["entities"]!.AsArray().Select(e => $"{e!["route"]}:{string.Join("/", e["fields"]!.AsArray().Select(f => f!["name"]))}")) + (string)schema["kind"]!);
            var progress = app.Events.Where(e => (string?)e["event_type"] == "task.progress").Select(e => (string)e["payload"]!["message"]!).ToList();
            Assert.Contains(progress, m => m.Contains("Generated planning/plan.yaml"));
            Assert.Contains(progress, m => m.Contains("Generated architecture/api-contracts/openapi.yaml"));
            Assert.Contains(progress, m => m.StartsWith("✅ Code generation complete", StringComparison.Ordinal));
        }
        Assert.Equal(routes.Count, routes.Distinct().Count());
    }

    internal static async Task<string> SchemaPathAsync(GeneratedApps.Generated app)
    {
        var files = await Repository(app).ListFilesAsync(app.Branch, Ct);
        return files.First(f => f.EndsWith("wwwroot/schema.json", StringComparison.Ordinal));
    }

    static int Count(string text, string token) => (text.Length - text.Replace(token, "").Length) / token.Length;

    /// <summary>The source of every test file at the tested commit.</summary>
    internal static async Task<List<string>> TestSourcesAsync(GeneratedApps.Generated app)
    {
        var files = await Repository(app).ListFilesAsync(app.Commit, Ct);
        var sources = new List<string>();
        foreach (var file in files.Where(f => f.StartsWith("tests/", StringComparison.Ordinal) || f.StartsWith("test/", StringComparison.Ordinal)))
            sources.Add(await ShowAsync(app, app.Commit, file));
        return sources;
    }

    internal static async Task<string> ShowAsync(GeneratedApps.Generated app, string revision, string path) =>
        await Repository(app).ReadFileAsync(revision, path, Ct) ?? throw new Xunit.Sdk.XunitException($"There is no {path} at {revision}.");

    /// <summary>The generated repository, read as the product reads it (libgit2, no git binary).</summary>
    static GitRepository Repository(GeneratedApps.Generated app) => new(app.Repository, new GitOptions());

    /// <summary>The paths that differ between two revisions, a rename once (git diff --name-only).</summary>
    static List<string> ChangedPaths(GeneratedApps.Generated app, string from, string to)
    {
        using var repository = new LibGit2Sharp.Repository(app.Repository);
        LibGit2Sharp.Tree TreeOf(string revision) => ((LibGit2Sharp.Commit)repository.Lookup(revision)).Tree;
        var changes = repository.Diff.Compare<LibGit2Sharp.TreeChanges>(TreeOf(from), TreeOf(to),
            new LibGit2Sharp.CompareOptions { Similarity = LibGit2Sharp.SimilarityOptions.Renames });
        return [.. changes.Select(c => c.Path)];
    }

    static JsonNode? ToJson(object? yaml) => yaml switch
    {
        Dictionary<object, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, ToJson(kv.Value)))),
        List<object> list => new JsonArray([.. list.Select(ToJson)]),
        string s when s is "true" or "false" => JsonValue.Create(s == "true"),
        string s when long.TryParse(s, out var l) => JsonValue.Create(l),
        string s when double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var d) && !s.Contains('-') => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => null,
    };

    [GeneratedRegex(@"^(feat|fix|chore|test|build|docs|refactor)(\([a-z-]+\))?: .+")] private static partial Regex ConventionalCommit();
    [GeneratedRegex(@"(?m)^\s*test\(")] private static partial Regex NodeTestCall();
}
