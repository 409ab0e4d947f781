using System.Text.Json.Nodes;
using Catalyst.Core.Events;

namespace Catalyst.Agents.Reviewer.Analysis;

public sealed record ReviewResult(
    string Decision,
    int OverallScore,
    IReadOnlyDictionary<ReviewCategory, int> Breakdown,
    IReadOnlyList<ReviewIssue> Issues,
    IReadOnlyList<string> Recommendations,
    CodeQualityReport Quality,
    IReadOnlyList<PracticeCheck> Practices,
    IReadOnlyList<PracticeCheck> Documentation,
    ConformanceReport Conformance)
{
    public const string Approved = ReviewDecisions.Approved;
    public const string ChangesRequested = ReviewDecisions.ChangesRequested;

    public int BlockingIssues => Issues.Count(i => i.Blocking);
}

/// <summary>
/// The whole review of one revision: every analysis, the score per category, and the decision. Pure: the
/// same tree, test summary and request give the same result. Without the request (null) the app can only be
/// judged against itself, and the review says so.
/// </summary>
public static class CodeReview
{
    public static ReviewResult Run(SourceTree tree, JsonObject? testSummary, ReviewerOptions options, UnderstoodRequest? request = null)
    {
        var quality = CodeQuality.Analyze(tree, options);
        var (practices, practiceIssues) = BestPractices.Check(tree);
        var (documentation, documentationIssues) = DocumentationCheck.Check(tree);
        var (testBase, testIssues) = TestEvidence.Judge(testSummary, options);
        var conformance = SpecConformance.Check(request, tree);
        var issues = quality.Issues.Concat(practiceIssues).Concat(documentationIssues).Concat(testIssues).Concat(conformance.Issues)
            .Concat(SecurityReview.Judge(tree, testSummary))
            .OrderByDescending(i => i.Blocking).ThenByDescending(i => i.Severity).ThenBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line)
            .ToList();

        var breakdown = Enum.GetValues<ReviewCategory>().ToDictionary(c => c,
            c => ReviewScore.Category(c == ReviewCategory.TestCoverage ? testBase : 100, issues.Where(i => i.Category == c)));
        var overall = ReviewScore.Overall(breakdown, issues);
        var approved = overall >= options.MinApprovalScore && !issues.Any(i => i.Blocking);
        var recommendations = issues.Where(i => i.Severity >= Severity.Low).Select(i => i.Suggestion).Distinct().ToList();
        return new ReviewResult(approved ? ReviewResult.Approved : ReviewResult.ChangesRequested, overall, breakdown, issues, recommendations,
            quality, practices, documentation, conformance);
    }
}
