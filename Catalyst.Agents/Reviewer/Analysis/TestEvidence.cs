using System.Text.Json.Nodes;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>What the Tester measured (test-summary.json), judged: failures block, coverage sets the test score.</summary>
public static class TestEvidence
{
    public static (int BaseScore, IReadOnlyList<ReviewIssue> Issues) Judge(JsonObject? summary, ReviewerOptions options)
    {
        var issues = new List<ReviewIssue>();
        void Add(Severity severity, string rule, string message, string suggestion, bool blocking = false) =>
            issues.Add(new(ReviewCategory.TestCoverage, severity, rule, null, null, message, suggestion, blocking));

        if (summary is null)
        {
            Add(Severity.Critical, "no-test-results", "The Tester left no test-summary.json, so nothing shows the code works.", "Run the Tester on this commit.", blocking: true);
            return (0, issues);
        }
        var unit = summary["unit"] as JsonObject;
        if (unit?["total"] is null)
            Add(Severity.Critical, "no-test-report", $"No test report was produced ({(string?)unit?["reason"] ?? "see the Tester's logs"}).", "Make the build and the test run succeed.", blocking: true);
        else if (Number(unit, "failed") is > 0 and var failed)
            Add(Severity.Critical, "failing-tests", $"{failed} of {Number(unit, "total")} tests fail.", "Fix the failing tests (see test-results/) before review.", blocking: true);
        else if (Number(unit, "total") == 0)
            Add(Severity.High, "no-tests", "The app has no tests.", "Add unit and API tests for every endpoint.");

        if (summary["timed_out"]?.GetValue<bool>() == true)
            Add(Severity.Critical, "tests-timed-out", "The test run did not finish within its time limit.", "Find the test that hangs and make it finish.", blocking: true);

        var e2e = summary["browser"] as JsonObject;
        if ((string?)e2e?["status"] == "not_run")
            Add(Severity.Info, "e2e-not-run", $"The end-to-end browser check did not run: {(string?)e2e!["reason"]}.", "Install Chromium so the UI is checked in a browser.");
        else if (e2e?["passed"]?.GetValue<bool>() != true)
            Add(Severity.Critical, "e2e-failed", $"The end-to-end browser check failed: {(string?)e2e?["error"] ?? "no result"}.", "Open test-results/e2e/screenshot.png and app.log, and fix the page or the API.", blocking: true);

        var rate = summary["coverage"]?["line_rate"]?.GetValue<double>();
        if (rate is null)
        {
            Add(Severity.Info, "coverage-not-measured", "Line coverage was not measured, so the test score assumes half marks.", "Collect coverage (coverlet for .NET, --experimental-test-coverage for Node).");
            return (50, issues);
        }
        if (rate < options.TargetCoverage)
            Add(Severity.Info, "coverage", $"Line coverage is {rate:P0}; the target is {options.TargetCoverage:P0}.", "Add tests for the code paths the coverage report shows as missed.");
        return ((int)Math.Round(Math.Min(1, rate.Value / options.TargetCoverage) * 100), issues);
    }

    static int? Number(JsonObject node, string name) => node[name]?.GetValue<int>();
}
