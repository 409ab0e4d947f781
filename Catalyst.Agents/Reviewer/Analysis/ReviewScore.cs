namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>
/// How issues become scores: each category starts from its base (100, or the coverage score for tests) and
/// loses a fixed amount per issue by severity; the overall score weighs the categories (the weights sum to 1).
/// A perfect 100 means nothing worth fixing: with any medium or worse issue (a request word not understood
/// among them) the overall score is at most 99, whatever the rounding.
/// </summary>
public static class ReviewScore
{
    public static IReadOnlyDictionary<ReviewCategory, double> Weights { get; } = new Dictionary<ReviewCategory, double>
    {
        [ReviewCategory.CodeQuality] = 0.25,
        [ReviewCategory.Security] = 0.20,
        [ReviewCategory.TestCoverage] = 0.20,
        [ReviewCategory.Documentation] = 0.10,
        [ReviewCategory.BestPractices] = 0.10,
        [ReviewCategory.SpecConformance] = 0.15,
    };

    public static int Penalty(Severity severity) => severity switch
    {
        Severity.Critical => 50,
        Severity.High => 20,
        Severity.Medium => 8,
        Severity.Low => 3,
        _ => 0,
    };

    public static int Category(int baseScore, IEnumerable<ReviewIssue> issues) =>
        Math.Clamp(baseScore - issues.Sum(i => Penalty(i.Severity)), 0, 100);

    public static int Overall(IReadOnlyDictionary<ReviewCategory, int> breakdown, IEnumerable<ReviewIssue> issues)
    {
        var overall = (int)Math.Round(Weights.Sum(w => w.Value * breakdown[w.Key]));
        return issues.Any(i => i.Severity >= Severity.Medium) ? Math.Min(overall, 99) : overall;
    }
}
