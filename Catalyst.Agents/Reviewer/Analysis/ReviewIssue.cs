namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>Which score an issue counts against.</summary>
public enum ReviewCategory { CodeQuality, Security, TestCoverage, Documentation, BestPractices, SpecConformance }

public enum Severity { Info, Low, Medium, High, Critical }

/// <summary>
/// One finding of the review, located where it can be (file and line), with what to do about it. A blocking
/// issue refuses approval whatever the score.
/// </summary>
public sealed record ReviewIssue(
    ReviewCategory Category, Severity Severity, string Rule, string? File, int? Line, string Message, string Suggestion, bool Blocking = false);
