using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Reviewer.Analysis;

namespace Catalyst.Agents.Reviewer;

/// <summary>Writes artifacts/{task}/review/: the decision, the two analyses, the recommendations and a readable summary.</summary>
public static class ReviewReport
{
    public const string DecisionFile = "review-decision.json";
    public const string SummaryFile = "review-summary.md";
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(string folder, ReviewResult review, string commit, int fixRound, ReviewerOptions options, DateTimeOffset now, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var decision = new JsonObject
        {
            ["decision"] = review.Decision,
            ["overall_score"] = review.OverallScore,
            ["min_approval_score"] = options.MinApprovalScore,
            ["breakdown"] = new JsonObject([.. review.Breakdown.Select(b => KeyValuePair.Create(Name(b.Key), (JsonNode?)b.Value))]),
            ["issues"] = Issues(review.Issues),
            ["request"] = RequestJson(review.Conformance),
            ["recommendations"] = new JsonArray([.. review.Recommendations.Select(r => (JsonNode)r)]),
            ["blocking_issues"] = review.BlockingIssues,
            ["commit"] = commit,
            ["fix_round"] = fixRound,
            ["reviewed_by"] = "reviewer-agent",
            ["reviewed_at"] = now,
        };
        if (review.Decision == ReviewResult.Approved) { decision["approved_by"] = "reviewer-agent"; decision["approved_at"] = now; }

        await Write(DecisionFile, decision.ToJsonString(Indented));
        await Write("code-quality.json", CodeQualityJson(review, options).ToJsonString(Indented));
        await Write("security-review.json", SecurityJson(review).ToJsonString(Indented));
        await Write("recommendations.md", Recommendations(review));
        await Write(SummaryFile, Summary(review, commit, options));

        Task Write(string name, string text) => File.WriteAllTextAsync(Path.Combine(folder, name), text, ct);
    }

    static JsonObject CodeQualityJson(ReviewResult review, ReviewerOptions options)
    {
        var quality = review.Quality;
        var methods = quality.CSharp.Methods;
        return new JsonObject
        {
            ["score"] = review.Breakdown[ReviewCategory.CodeQuality],
            ["limits"] = new JsonObject { ["complexity"] = options.MaxComplexity, ["method_lines"] = options.MaxMethodLines, ["file_lines"] = options.MaxFileLines, ["duplication_percent"] = options.MaxDuplicationPercent },
            ["csharp"] = new JsonObject
            {
                ["analyzer"] = "roslyn",
                ["files"] = quality.CSharp.Files.Count,
                ["lines"] = quality.CSharp.Files.Sum(f => f.Lines),
                ["methods"] = methods.Count,
                ["average_complexity"] = methods.Count == 0 ? 0 : Math.Round(methods.Average(m => m.Complexity), 2),
                ["max_complexity"] = methods.Count == 0 ? 0 : methods.Max(m => m.Complexity),
                ["longest_method_lines"] = methods.Count == 0 ? 0 : methods.Max(m => m.Lines),
                // The most complex units first: the ones a reader should look at.
                ["methods_by_complexity"] = new JsonArray([.. methods.OrderByDescending(m => m.Complexity).ThenByDescending(m => m.Lines).Take(25).Select(m => (JsonNode)new JsonObject
                {
                    ["name"] = m.Name, ["file"] = m.File, ["line"] = m.Line, ["lines"] = m.Lines, ["complexity"] = m.Complexity,
                })]),
            },
            ["files"] = new JsonArray([.. quality.CSharp.Files.Concat(quality.OtherFiles).OrderBy(f => f.File, StringComparer.Ordinal).Select(f => (JsonNode)new JsonObject
            {
                ["file"] = f.File, ["lines"] = f.Lines, ["methods"] = f.File.EndsWith(".cs", StringComparison.Ordinal) ? f.Methods : null,
            })]),
            ["duplication"] = new JsonObject
            {
                ["percent"] = quality.Duplication.Percent,
                ["duplicated_lines"] = quality.Duplication.DuplicatedLines,
                ["code_lines"] = quality.Duplication.CodeLines,
                ["blocks"] = new JsonArray([.. quality.Duplication.Blocks.Select(b => (JsonNode)new JsonObject
                {
                    ["lines"] = b.Lines,
                    ["first"] = $"{b.First.File}:{b.First.StartLine}-{b.First.EndLine}",
                    ["second"] = $"{b.Second.File}:{b.Second.StartLine}-{b.Second.EndLine}",
                })]),
            },
            ["documentation"] = Checks(review.Documentation),
            ["best_practices"] = Checks(review.Practices),
            ["issues"] = Issues(review.Issues.Where(i => i.Category is ReviewCategory.CodeQuality or ReviewCategory.Documentation or ReviewCategory.BestPractices)),
        };
    }

    /// <summary>What the app was checked against: the understood request, and what of it was not understood or not built.</summary>
    static JsonObject RequestJson(ConformanceReport conformance) => new()
    {
        ["checked"] = conformance.Checked,
        ["spec_source"] = conformance.Source,
        ["kind"] = conformance.Checked ? conformance.Kind : null,
        ["entities"] = conformance.Entities,
        ["fields"] = conformance.Fields,
        ["mismatches"] = conformance.Mismatches,
        ["not_understood"] = new JsonArray([.. conformance.NotUnderstood.Select(w => (JsonNode)w)]),
        ["limitations"] = new JsonArray([.. conformance.Limitations.Select(l => (JsonNode)l)]),
    };

    static JsonObject SecurityJson(ReviewResult review) => new()
    {
        ["score"] = review.Breakdown[ReviewCategory.Security],
        ["critical"] = review.Issues.Count(i => i.Category == ReviewCategory.Security && i.Severity == Severity.Critical),
        ["blocking_issues"] = review.Issues.Count(i => i.Category == ReviewCategory.Security && i.Blocking),
        ["checks"] = Checks(review.Practices.Where(p => p.Name is "non-root-container" or "password-hashing")),
        ["issues"] = Issues(review.Issues.Where(i => i.Category == ReviewCategory.Security)),
    };

    static string Recommendations(ReviewResult review)
    {
        var text = new StringBuilder("# Recommendations\n\n");
        if (review.Recommendations.Count == 0) return text.Append("No changes recommended.\n").ToString();
        foreach (var recommendation in review.Recommendations)
        {
            var where = review.Issues.Where(i => i.Suggestion == recommendation).Select(Where).Where(w => w.Length > 0).Take(5).ToList();
            text.Append($"- {recommendation}").Append(where.Count > 0 ? $" ({string.Join(", ", where)})" : "").Append('\n');
        }
        return text.ToString();
    }

    static string Summary(ReviewResult review, string commit, ReviewerOptions options)
    {
        var text = new StringBuilder();
        text.Append($"# Review: {(review.Decision == ReviewResult.Approved ? "approved" : "changes requested")}\n\n");
        text.Append($"Commit `{commit}`. Overall score **{review.OverallScore}/100** (approval needs {options.MinApprovalScore} and no blocking issue); ");
        text.Append($"{review.Issues.Count(i => i.Severity > Severity.Info)} issue(s), {review.BlockingIssues} blocking.\n\n");
        text.Append("| category | score | weight |\n|---|---|---|\n");
        foreach (var (category, score) in review.Breakdown) text.Append($"| {Name(category).Replace('_', ' ')} | {score} | {ReviewScore.Weights[category]:P0} |\n");
        var methods = review.Quality.CSharp.Methods;
        text.Append($"\nC# (Roslyn): {review.Quality.CSharp.Files.Count} files, {methods.Count} methods");
        if (methods.Count > 0) text.Append($", cyclomatic complexity average {methods.Average(m => m.Complexity):0.0}, max {methods.Max(m => m.Complexity)}");
        text.Append($". Duplication: {review.Quality.Duplication.Percent}% of {review.Quality.Duplication.CodeLines} code lines.\n\n");
        Request(text, review.Conformance);
        if (review.Issues.Count == 0) return text.Append("No issues found.\n").ToString();
        text.Append("| severity | where | issue |\n|---|---|---|\n");
        foreach (var issue in review.Issues)
            text.Append($"| {issue.Severity.ToString().ToLowerInvariant()}{(issue.Blocking ? " (blocking)" : "")} | {Where(issue)} | {issue.Message.Replace("|", "\\|")} |\n");
        return text.ToString();
    }

    static void Request(StringBuilder text, ConformanceReport conformance)
    {
        if (!conformance.Checked)
        {
            text.Append("The app was not checked against the request: no understood request was found in the commit.\n\n");
            return;
        }
        text.Append(conformance.Kind == "crud"
            ? $"Against the request ({conformance.Source}): {conformance.Entities} entities and {conformance.Fields} fields checked in the OpenAPI contract, the API code, the page and the tests; "
            : $"Against the request ({conformance.Source}): a {conformance.Kind} app, its main endpoint checked in the OpenAPI contract; ");
        text.Append($"{conformance.Mismatches} mismatch(es).\n\n");
        if (conformance.NotUnderstood.Count > 0)
            text.Append($"Words of the request not understood: {string.Join(", ", conformance.NotUnderstood.Select(w => $"\"{w}\""))}.\n\n");
        if (conformance.Limitations.Count > 0)
            text.Append("Limitations:\n").Append(string.Concat(conformance.Limitations.Select(l => $"- {l}\n"))).Append('\n');
    }

    static JsonArray Issues(IEnumerable<ReviewIssue> issues) => new([.. issues.Select(i => (JsonNode)new JsonObject
    {
        ["severity"] = i.Severity.ToString().ToLowerInvariant(),
        ["category"] = Name(i.Category),
        ["rule"] = i.Rule,
        ["file"] = i.File,
        ["line"] = i.Line,
        ["message"] = i.Message,
        ["suggestion"] = i.Suggestion,
        ["blocking"] = i.Blocking,
    })]);

    static JsonArray Checks(IEnumerable<PracticeCheck> checks) =>
        new([.. checks.Select(c => (JsonNode)new JsonObject { ["check"] = c.Name, ["passed"] = c.Passed, ["detail"] = c.Detail })]);

    static string Where(ReviewIssue issue) => issue.File is null ? "" : issue.Line is null ? issue.File : $"{issue.File}:{issue.Line}";

    public static string Name(ReviewCategory category) => category switch
    {
        ReviewCategory.CodeQuality => "code_quality",
        ReviewCategory.Security => "security",
        ReviewCategory.TestCoverage => "test_coverage",
        ReviewCategory.Documentation => "documentation",
        ReviewCategory.SpecConformance => "spec_conformance",
        _ => "best_practices",
    };
}
