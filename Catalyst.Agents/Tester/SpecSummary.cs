using System.Text.Json.Nodes;

namespace Catalyst.Agents.Tester;

/// <summary>
/// The fields of the spec's test-summary.json (section 4.4), added beside Catalyst's own detail: overall_status,
/// backend and e2e totals with durations, security findings by severity, and the total duration. Every figure
/// comes from this run's steps and reports; what was not run is reported as zero tests, never as passed.
/// </summary>
public static class SpecSummary
{
    static readonly string[] Severities = ["critical", "high", "medium", "low", "info"];

    public static void AddTo(JsonObject summary, TestRunReport? report, double? coverage, JsonArray steps, IReadOnlyList<SecretFinding> secrets, bool passed, TimeSpan elapsed)
    {
        summary["overall_status"] = passed ? "passed" : "failed";
        summary["backend"] = new JsonObject
        {
            ["total"] = report?.Total ?? 0,
            ["passed"] = report?.Passed ?? 0,
            ["failed"] = report?.Failed ?? 0,
            ["skipped"] = report?.Skipped ?? 0,
            ["coverage"] = coverage is null ? null : Math.Round(coverage.Value, 4),
            ["duration_seconds"] = Seconds(StepMilliseconds(steps, "test")),
        };
        var browser = summary["browser"] as JsonObject;
        var ran = browser?["passed"] is not null && (string?)browser["status"] != "not_run";
        var checks = browser?["verified"] is JsonArray verified ? verified.Count : 0;
        var failed = ran && browser!["passed"]!.GetValue<bool>() is false ? 1 : 0;
        summary["e2e"] = new JsonObject
        {
            // Each verified check of the browser run is one test; a failed run counts its failing check too.
            ["total"] = ran ? checks + failed : 0,
            ["passed"] = ran ? checks : 0,
            ["failed"] = failed,
            ["duration_seconds"] = Seconds(StepMilliseconds(steps, "e2e")),
        };
        var security = summary["security"] as JsonObject ?? [];
        foreach (var severity in Severities) security[severity] = secrets.Count(s => string.Equals(s.Severity, severity, StringComparison.OrdinalIgnoreCase));
        summary["security"] = security;
        // Wall time: the browser check runs beside the unit tests, so the steps' durations overlap.
        summary["total_duration_seconds"] = Seconds((long)elapsed.TotalMilliseconds);
    }

    static long StepMilliseconds(JsonArray steps, string name) =>
        steps.Where(s => (string?)s?["name"] == name).Sum(s => (long?)s?["duration_ms"] ?? 0);

    static double Seconds(long milliseconds) => Math.Round(milliseconds / 1000.0, 1);
}
