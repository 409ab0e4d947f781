using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Reviewer;
using Catalyst.Agents.Reviewer.Analysis;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Generation;

namespace Catalyst.Tests.Review;

/// <summary>The Reviewer's analyses on the apps the offline generator writes (timer, poll, quiz, kanban and record apps, both stacks), as generated.</summary>
public sealed class ArchetypeReviewTests
{
    public static TheoryData<AppKind, AppStack> Apps => new(ArchetypeSpecs.All.Select(s => (s.Kind, s.Stack)));

    static readonly JsonObject PassingSummary = new()
    {
        ["unit"] = new JsonObject { ["total"] = 12, ["passed"] = 12, ["failed"] = 0, ["skipped"] = 0, ["failures"] = new JsonArray() },
        ["timed_out"] = false,
        ["browser"] = new JsonObject { ["passed"] = true },
        ["coverage"] = new JsonObject { ["line_rate"] = 0.9 },
        ["security"] = new JsonObject { ["secrets"] = new JsonArray(), ["vulnerability_scan"] = new JsonObject { ["status"] = "not_run", ["reason"] = "offline" } },
    };

    public static TheoryData<string, AppStack> RecordApps => new(
        from prompt in new[] { "a todo app with login, search and tags", "an expense tracker with amount, category and date, showing the total per category" }
        from stack in new[] { AppStack.Dotnet, AppStack.Node }
        select (prompt, stack));

    /// <summary>The generator is held to the rules it is reviewed by: no file, method or duplicated block over the limits.</summary>
    [Theory]
    [MemberData(nameof(RecordApps))]
    public void A_generated_record_app_has_no_code_quality_issue(string prompt, AppStack stack)
    {
        var spec = new RequestParser().Parse(prompt);
        spec.Stack = stack;
        var review = CodeReview.Run(new SourceTree([.. Files(spec)]), (JsonObject)PassingSummary.DeepClone(), new ReviewerOptions());
        Assert.Empty(review.Issues.Where(i => i.Category == ReviewCategory.CodeQuality).Select(i => i.Message));
    }

    static IEnumerable<SourceFile> Files(AppSpec spec)
    {
        IAppGenerator generator = spec.Stack == AppStack.Node ? new NodeAppGenerator() : new DotnetAppGenerator();
        return generator.Generate(spec).SelectMany(c => c.Files).GroupBy(f => f.Path).Select(g => new SourceFile(g.Key, g.Last().Content));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Every_archetype_app_is_approved_without_a_single_issue_worth_fixing(AppKind kind, AppStack stack)
    {
        var spec = ArchetypeSpecs.For(kind, stack);
        var files = Files(spec).ToList();
        Assert.DoesNotContain(files, f => f.Path.Contains("links", StringComparison.OrdinalIgnoreCase)); // not the URL shortener it once fell back to

        var review = CodeReview.Run(new SourceTree([.. files]), (JsonObject)PassingSummary.DeepClone(), new ReviewerOptions());
        Assert.Equal(ReviewResult.Approved, review.Decision);
        Assert.DoesNotContain(review.Issues, i => i.Severity > Severity.Low);
        Assert.True(review.OverallScore >= 95, $"{spec.Prompt}: {review.OverallScore}");
        Assert.All(review.Practices, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
    }
}
