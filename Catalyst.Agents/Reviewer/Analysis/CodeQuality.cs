namespace Catalyst.Agents.Reviewer.Analysis;

public sealed record CodeQualityReport(CSharpReport CSharp, DuplicationReport Duplication, IReadOnlyList<FileMetrics> OtherFiles, IReadOnlyList<ReviewIssue> Issues);

/// <summary>Turns the measurements (Roslyn metrics, file sizes, duplicated blocks) into located issues.</summary>
public static class CodeQuality
{
    public static CodeQualityReport Analyze(SourceTree tree, ReviewerOptions options)
    {
        var csharp = CSharpMetrics.Measure(tree.Files);
        var others = tree.Code.Where(f => !f.IsCSharp).Select(f => new FileMetrics(f.Path, f.LineCount, 0)).ToList();
        var duplication = DuplicateBlocks.Find(tree.Files);
        var issues = new List<ReviewIssue>();

        foreach (var method in csharp.Methods)
        {
            if (method.Complexity > options.MaxComplexity)
                issues.Add(new(ReviewCategory.CodeQuality, method.Complexity > 2 * options.MaxComplexity ? Severity.High : Severity.Medium, "complexity",
                    method.File, method.Line, $"{method.Name} has a cyclomatic complexity of {method.Complexity} (limit {options.MaxComplexity}).",
                    "Split it into smaller methods, or replace branching with a lookup or pattern match."));
            if (method.Lines > options.MaxMethodLines)
                issues.Add(new(ReviewCategory.CodeQuality, method.Lines > 2 * options.MaxMethodLines ? Severity.High : Severity.Medium, "long-method",
                    method.File, method.Line, $"{method.Name} is {method.Lines} lines long (limit {options.MaxMethodLines}).",
                    "Extract the steps into well-named methods."));
        }
        foreach (var file in csharp.Files.Concat(others).Where(f => f.Lines > options.MaxFileLines))
            issues.Add(new(ReviewCategory.CodeQuality, file.Lines > 2 * options.MaxFileLines ? Severity.Medium : Severity.Low, "long-file",
                file.File, 1, $"{file.File} is {file.Lines} lines long (limit {options.MaxFileLines}).", "Split it by responsibility."));

        if (duplication.Percent > options.MaxDuplicationPercent && duplication.Blocks.Count > 0)
        {
            var largest = duplication.Blocks.MaxBy(b => b.Lines)!;
            issues.Add(new(ReviewCategory.CodeQuality, duplication.Percent > 3 * options.MaxDuplicationPercent ? Severity.High : Severity.Medium, "duplication",
                largest.Second.File, largest.Second.StartLine,
                $"{duplication.Percent}% of the code is duplicated in {duplication.Blocks.Count} block(s); the largest ({largest.Lines} lines) repeats {largest.First.File}:{largest.First.StartLine}.",
                "Move the repeated code into one shared method."));
        }
        return new CodeQualityReport(csharp, duplication, others, issues);
    }
}
