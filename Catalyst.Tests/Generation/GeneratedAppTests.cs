using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalyst.Agents.Planner;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.Serialization;

namespace Catalyst.Tests.Generation;

/// <summary>
/// The six prompts of the generation issue, through the real Planner, Architect and Coder: each app is cloned
/// from its feature branch, built, and its own tests run with dotnet test or node --test.
/// </summary>
public sealed partial class GeneratedAppTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Prompts => new(GeneratedApps.Prompts);

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task The_generated_app_builds_and_passes_its_own_tests(string prompt)
    {
        var app = (await GeneratedApps.GetAsync(postgres)).For(prompt);
        using var checkout = new TestDirectory("app");
        await RunAsync("git", ["clone", "--quiet", "--branch", app.Branch, app.Repository, checkout.Path], null, TimeSpan.FromMinutes(1));

        var (passed, failed) = (string)app.Payload["stack"]! == "node"
            ? await NodeTestsAsync(checkout.Path)
            : await DotnetTestsAsync(checkout.Path);

        TestContext.Current.SendDiagnosticMessage($"{prompt}: {passed} generated tests passed");
        Assert.Equal(0, failed);
        Assert.True(passed >= 3, $"only {passed} tests ran");
        if ((string)app.Payload["stack"]! == "dotnet")
        {
            // Every test case written in the source ran: facts plus one per inline data row.
            var sources = Directory.GetFiles(Path.Combine(checkout.Path, "tests"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
            Assert.Equal(sources.Sum(s => Count(s, "[Fact]") + Count(s, "[InlineData(")), passed);
        }
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task The_plan_parses_and_the_OpenAPI_contract_is_valid(string prompt)
    {
        var app = (await GeneratedApps.GetAsync(postgres)).For(prompt);
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
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task Git_history_has_the_plan_and_design_on_main_and_the_code_in_commits_on_the_task_branch(string prompt)
    {
        var app = (await GeneratedApps.GetAsync(postgres)).For(prompt);
        var main = await LogAsync(app, "main");
        Assert.Equal(["docs(architecture)", "feat(planning)"], main.Select(c => c.Subject.Split(':')[0]));
        Assert.All(main, c => Assert.Equal("Catalyst AI", c.Author));

        Assert.Equal($"feature/task-{app.TaskId}", app.Branch);
        var branchOnly = await LogAsync(app, $"main..{app.Branch}");
        Assert.True(branchOnly.Count >= 5, $"only {branchOnly.Count} commits on the branch");
        Assert.All(branchOnly, c => Assert.Matches(ConventionalCommit(), c.Subject));
        Assert.Equal(app.Commit, branchOnly[0].Sha);

        var files = (await RunAsync("git", ["ls-tree", "-r", "--name-only", app.Branch], app.Repository, TimeSpan.FromSeconds(30))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var added = (await RunAsync("git", ["diff", "--name-only", "main", app.Branch], app.Repository, TimeSpan.FromSeconds(30))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(added.Length, (int)app.Payload["files_created"]!);
        Assert.Equal(added.Length, (int)app.Payload["git_diff_summary"]!["files_changed"]!);
        Assert.Equal(added.Count(f => f.StartsWith("test", StringComparison.Ordinal)), (int)app.Payload["test_files"]!);
        Assert.Contains("README.md", files);
        Assert.Contains("Dockerfile", files);
        Assert.Contains(files, f => f.EndsWith("schema.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Different_requests_give_different_apps_and_the_user_sees_progress()
    {
        var apps = await GeneratedApps.GetAsync(postgres);
        TestContext.Current.SendDiagnosticMessage($"Planner + Architect + Coder for {GeneratedApps.Prompts.Length} prompts: {apps.Elapsed.TotalSeconds:0.0} s");
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

    static async Task<string> SchemaPathAsync(GeneratedApps.Generated app)
    {
        var files = await RunAsync("git", ["ls-tree", "-r", "--name-only", app.Branch], app.Repository, TimeSpan.FromSeconds(30));
        return files.Split('\n').First(f => f.EndsWith("wwwroot/schema.json", StringComparison.Ordinal));
    }

    static int Count(string text, string token) => (text.Length - text.Replace(token, "").Length) / token.Length;

    static async Task<(int Passed, int Failed)> DotnetTestsAsync(string directory)
    {
        var output = await RunAsync("dotnet", ["test", "--nologo", "--disable-build-servers", "-p:UseSharedCompilation=false"], directory, TimeSpan.FromMinutes(6));
        var summary = DotnetSummary().Match(output);
        Assert.True(summary.Success, output);
        return (int.Parse(summary.Groups["passed"].Value), int.Parse(summary.Groups["failed"].Value));
    }

    static async Task<(int Passed, int Failed)> NodeTestsAsync(string directory)
    {
        await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], directory, TimeSpan.FromMinutes(4));
        var output = await RunAsync("node", ["--test"], directory, TimeSpan.FromMinutes(3));
        return (int.Parse(NodeCount().Match(output).Groups["pass"].Value), int.Parse(NodeFailures().Match(output).Groups["fail"].Value));
    }

    static async Task<string> ShowAsync(GeneratedApps.Generated app, string revision, string path) =>
        await RunAsync("git", ["show", $"{revision}:{path}"], app.Repository, TimeSpan.FromSeconds(30));

    static async Task<List<(string Sha, string Author, string Subject)>> LogAsync(GeneratedApps.Generated app, string range)
    {
        var log = await RunAsync("git", ["log", "--format=%H%x1f%an%x1f%s", range], app.Repository, TimeSpan.FromSeconds(30));
        return [.. log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\x1f')).Select(p => (p[0], p[1], p[2]))];
    }

    /// <summary>Runs a tool as from a fresh shell and fails the test, with its output, when the tool fails.</summary>
    static async Task<string> RunAsync(string tool, string[] arguments, string? directory, TimeSpan timeout)
    {
        var spec = new ProcessSpec(tool, arguments) { WorkingDirectory = directory, Timeout = timeout, Environment = NestedToolEnvironment.Create() };
        var result = await new ProcessRunner().RunAsync(spec, Ct);
        Assert.True(result.Succeeded, $"{spec} failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}):\n{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
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
    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+)")] private static partial Regex DotnetSummary();
    [GeneratedRegex(@"# pass (?<pass>\d+)")] private static partial Regex NodeCount();
    [GeneratedRegex(@"# fail (?<fail>\d+)")] private static partial Regex NodeFailures();
}
