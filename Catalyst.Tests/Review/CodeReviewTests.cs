using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Reviewer;
using Catalyst.Agents.Reviewer.Analysis;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Generation;

namespace Catalyst.Tests.Review;

/// <summary>The Reviewer's analyses on generated apps, clean and with faults planted in them.</summary>
public sealed class CodeReviewTests
{
    static readonly ReviewerOptions Options = new();

    /// <summary>What a passing Tester run writes, with measured-looking numbers the tests choose.</summary>
    static JsonObject PassingSummary(double coverage = 0.9) => new()
    {
        ["unit"] = new JsonObject { ["total"] = 12, ["passed"] = 12, ["failed"] = 0, ["skipped"] = 0, ["failures"] = new JsonArray() },
        ["timed_out"] = false,
        ["browser"] = new JsonObject { ["passed"] = true },
        ["coverage"] = new JsonObject { ["line_rate"] = coverage },
        ["security"] = new JsonObject { ["secrets"] = new JsonArray(), ["vulnerability_scan"] = new JsonObject { ["status"] = "not_run", ["reason"] = "offline" } },
    };

    static List<SourceFile> Generate(string prompt)
    {
        var spec = new RequestParser().Parse(prompt);
        IAppGenerator generator = spec.Stack == AppStack.Node ? new NodeAppGenerator() : new DotnetAppGenerator();
        return generator.Generate(spec).SelectMany(c => c.Files).GroupBy(f => f.Path).Select(g => new SourceFile(g.Key, g.Last().Content)).ToList();
    }

    static ReviewResult Review(IEnumerable<SourceFile> files, JsonObject? summary = null) =>
        CodeReview.Run(new SourceTree([.. files]), summary ?? PassingSummary(), Options);

    public static TheoryData<string> Prompts => new(GeneratedApps.Prompts);

    [Theory]
    [MemberData(nameof(Prompts))]
    public void Every_generated_app_is_approved_without_a_single_issue_worth_fixing(string prompt)
    {
        var review = Review(Generate(prompt));
        Assert.Equal(ReviewResult.Approved, review.Decision);
        Assert.DoesNotContain(review.Issues, i => i.Severity > Severity.Low);
        Assert.True(review.OverallScore >= 95, $"{prompt}: {review.OverallScore}");
        Assert.All(review.Practices, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
    }

    [Fact]
    public void A_200_line_method_lowers_the_quality_score_and_is_listed_with_its_file_and_line()
    {
        var clean = Generate("a todo app with user registration and login");
        var model = clean.First(f => f.Path.EndsWith("Models/Todo.cs", StringComparison.Ordinal));
        var body = new StringBuilder("    public static int Planted(int value)\n    {\n        var total = 0;\n");
        for (var i = 0; i < 195; i++) body.Append($"        total += value * {i};\n");
        body.Append("        return total;\n    }\n");
        var insertAt = model.Content.IndexOf("public Guid Id", StringComparison.Ordinal);
        var expectedLine = model.Content[..insertAt].Count(c => c == '\n') + 1;
        var planted = clean.Select(f => f == model ? f with { Content = model.Content.Insert(insertAt, body.ToString().TrimStart()) } : f);

        var before = Review(clean);
        var after = Review(planted);

        var issue = Assert.Single(after.Issues, i => i.Rule == "long-method");
        Assert.Equal(model.Path, issue.File);
        Assert.Equal(expectedLine, issue.Line);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Contains("Todo.Planted is 200 lines long", issue.Message, StringComparison.Ordinal);
        Assert.True(after.Breakdown[ReviewCategory.CodeQuality] < before.Breakdown[ReviewCategory.CodeQuality]);
        Assert.True(after.OverallScore < before.OverallScore);
        Assert.Contains(after.Quality.CSharp.Methods, m => m.Name == "Todo.Planted" && m.Lines == 200 && m.Line == expectedLine);
    }

    [Fact]
    public void A_committed_private_key_is_a_critical_blocking_issue_that_refuses_approval_whatever_the_score()
    {
        var summary = PassingSummary();
        summary["security"]!["secrets"]!.AsArray().Add(new JsonObject
        {
            ["file"] = "deploy/id_rsa", ["line"] = 1, ["rule"] = "private-key", ["severity"] = "critical", ["message"] = "A private key is committed.",
        });
        var review = Review(Generate("hello world"), summary);

        var issue = Assert.Single(review.Issues, i => i.Rule == "private-key");
        Assert.Equal((Severity.Critical, true, "deploy/id_rsa", 1), (issue.Severity, issue.Blocking, issue.File, issue.Line));
        Assert.Equal(ReviewResult.ChangesRequested, review.Decision);
        Assert.True(review.OverallScore >= Options.MinApprovalScore, "the score alone would approve: the key must block on its own");
    }

    [Fact]
    public void Failing_tests_a_timeout_or_a_failed_browser_check_block_approval()
    {
        var files = Generate("hello world");
        var failing = PassingSummary();
        failing["unit"]!["failed"] = 2;
        var timedOut = PassingSummary();
        timedOut["timed_out"] = true;
        var e2e = PassingSummary();
        e2e["browser"] = new JsonObject { ["passed"] = false, ["error"] = "the new record was not listed" };

        Assert.Contains(Review(files, failing).Issues, i => i.Rule == "failing-tests" && i.Blocking && i.Message.StartsWith("2 of 12", StringComparison.Ordinal));
        Assert.Contains(Review(files, timedOut).Issues, i => i.Rule == "tests-timed-out" && i.Blocking);
        Assert.Contains(Review(files, e2e).Issues, i => i.Rule == "e2e-failed" && i.Blocking);
        Assert.All(new[] { failing, timedOut, e2e }, s => Assert.Equal(ReviewResult.ChangesRequested, Review(files, s).Decision));
        Assert.Equal(ReviewResult.ChangesRequested, CodeReview.Run(new SourceTree(files), testSummary: null, Options).Decision);
    }

    [Fact]
    public void Coverage_sets_the_test_score_and_an_unmeasured_coverage_is_not_reported_as_full()
    {
        var files = Generate("hello world");
        Assert.Equal(100, Review(files, PassingSummary(0.85)).Breakdown[ReviewCategory.TestCoverage]);
        Assert.Equal(50, Review(files, PassingSummary(0.40)).Breakdown[ReviewCategory.TestCoverage]);
        var unmeasured = PassingSummary();
        unmeasured["coverage"] = new JsonObject { ["status"] = "not_measured" };
        var review = Review(files, unmeasured);
        Assert.Equal(50, review.Breakdown[ReviewCategory.TestCoverage]);
        Assert.Contains(review.Issues, i => i.Rule == "coverage-not-measured");
    }

    [Fact]
    public void Cyclomatic_complexity_counts_each_decision_and_measures_lambdas_on_their_own()
    {
        const string code = """
            class Shapes
            {
                int Score(int[] values, string? name)
                {
                    var total = 0;                                  // 1
                    foreach (var v in values)                       // +1
                        if (v > 0 && v < 100) total += v;           // +2 (if, &&)
                    try { total += name?.Length ?? 0; }             // +1 (??)
                    catch (System.Exception) { total = -1; }        // +1
                    var kind = total switch { 0 => "none", < 10 => "few", _ => "many" }; // +2 (arms but the discard)
                    System.Func<int, int> twice = x => { if (x > 1) return x * 2; return x; }; // measured apart
                    return kind == "few" ? total : twice(total);     // +1
                }
            }
            """;
        var report = CSharpMetrics.Measure([new SourceFile("Shapes.cs", code)]);
        Assert.Equal(9, report.Methods.Single(m => m.Name == "Shapes.Score").Complexity);
        var lambda = report.Methods.Single(m => m.Name == "Shapes.Score.<lambda>");
        Assert.Equal((2, 11), (lambda.Complexity, lambda.Line));
    }

    [Fact]
    public void A_copied_block_is_found_in_both_places()
    {
        var files = Generate("a library system with books, members and loans");
        var store = files.First(f => f.Path.EndsWith("Data/JsonStore.cs", StringComparison.Ordinal));
        var copy = new SourceFile(store.Path.Replace("JsonStore.cs", "CopiedStore.cs", StringComparison.Ordinal),
            store.Content.Replace("class JsonStore", "class CopiedStore", StringComparison.Ordinal).Replace("public JsonStore(", "public CopiedStore(", StringComparison.Ordinal));

        var review = Review([.. files, copy]);

        var issue = Assert.Single(review.Issues, i => i.Rule == "duplication");
        Assert.Equal(copy.Path, issue.File);
        Assert.Contains(review.Quality.Duplication.Blocks, b => b.First.File == store.Path && b.Second.File == copy.Path && b.Lines > 30);
        Assert.True(review.Quality.Duplication.Percent > Options.MaxDuplicationPercent);
    }

    [Fact]
    public void Missing_practices_are_named_where_they_are()
    {
        var files = Generate("a todo app with user registration and login");
        var endpoints = files.First(f => f.Path.EndsWith("Endpoints/TodoEndpoints.cs", StringComparison.Ordinal));
        var unvalidated = endpoints.Content.Replace("        var errors = input.Validate();\n        if (errors.Count > 0) return Results.ValidationProblem(errors);\n", "", StringComparison.Ordinal);
        Assert.NotEqual(endpoints.Content, unvalidated);
        var dockerfile = files.Single(f => f.Path == "Dockerfile");
        var changed = files
            .Where(f => f.Path != "README.md")
            .Select(f => f == endpoints ? f with { Content = unvalidated } : f == dockerfile ? f with { Content = string.Join('\n', f.Lines.Where(l => !l.StartsWith("USER", StringComparison.Ordinal))) } : f)
            .Append(new SourceFile("config/.env", "API_TOKEN=abc\n"));

        var review = Review(changed);

        var validation = review.Issues.Where(i => i.Rule == "input-validation").ToList();
        Assert.Equal(2, validation.Count); // create and update
        Assert.All(validation, i => Assert.Equal(endpoints.Path, i.File));
        Assert.Contains(review.Issues, i => i.Rule == "root-container" && i.File == "Dockerfile" && i.Severity == Severity.High);
        Assert.Contains(review.Issues, i => i.Rule == "readme" && i.Category == ReviewCategory.Documentation);
        Assert.Contains(review.Issues, i => i.Rule == "env-file" && i.File == "config/.env");
        Assert.True(review.OverallScore < Review(files).OverallScore);
    }

    [Fact]
    public async Task The_review_artifacts_hold_the_decision_the_analyses_and_the_recommendations()
    {
        using var folder = new Infrastructure.TestDirectory("review");
        var files = Generate("hello world").Where(f => f.Path != "README.md");
        var review = Review(files);
        await ReviewReport.WriteAsync(folder.Path, review, "abc123", fixRound: 1, Options, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        var decision = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "review-decision.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(review.Decision, (string?)decision["decision"]);
        Assert.Equal(review.OverallScore, (int)decision["overall_score"]!);
        Assert.Equal(["code_quality", "security", "test_coverage", "documentation", "best_practices", "spec_conformance"], decision["breakdown"]!.AsObject().Select(p => p.Key));
        Assert.Contains(decision["issues"]!.AsArray(), i => (string?)i!["rule"] == "readme" && (string?)i["severity"] == "high");
        var quality = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "code-quality.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(review.Quality.CSharp.Methods.Count, (int)quality["csharp"]!["methods"]!);
        Assert.Equal("roslyn", (string?)quality["csharp"]!["analyzer"]);
        var security = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "security-review.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(review.Breakdown[ReviewCategory.Security], (int)security["score"]!);
        Assert.Contains("Add a README", await File.ReadAllTextAsync(Path.Combine(folder.Path, "recommendations.md"), TestContext.Current.CancellationToken));
        Assert.Contains("| documentation |", await File.ReadAllTextAsync(Path.Combine(folder.Path, "review-summary.md"), TestContext.Current.CancellationToken));
    }
}
