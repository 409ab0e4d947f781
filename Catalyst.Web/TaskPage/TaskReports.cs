using System.Text.Json.Nodes;
using Catalyst.Core.Artifacts;

namespace Catalyst.Web.TaskPage;

/// <summary>A test that failed, and what its runner said.</summary>
public sealed record TestFailure(string Test, string Message);

/// <summary>A build error the compiler reported, where it is.</summary>
public sealed record BuildFailure(string? File, int? Line, string? Code, string Message);

/// <summary>
/// The Tester's test-results/test-summary.json as the task page shows it. Every figure is one the Tester measured;
/// a null means it was not measured, and <see cref="CoverageStatus"/> or <see cref="EndToEndStatus"/> say why.
/// </summary>
public sealed record TestReport(
    string Status, int FixRound, int? Total, int? Passed, int? Failed, int? Skipped, double? Coverage, string? CoverageStatus,
    IReadOnlyList<TestFailure> Failures, IReadOnlyList<BuildFailure> BuildErrors,
    bool? EndToEndPassed, string? EndToEndDescription, string? EndToEndError, string? EndToEndStatus, string? ScreenshotPath);

/// <summary>One finding of the review, where it is.</summary>
public sealed record ReviewFinding(string Severity, string Category, string? File, int? Line, string Message, string? Suggestion, bool Blocking);

/// <summary>The Reviewer's review/review-decision.json as the task page shows it.</summary>
public sealed record ReviewReport(
    string Decision, int Score, int? MinApprovalScore, IReadOnlyList<KeyValuePair<string, int>> Breakdown,
    IReadOnlyList<ReviewFinding> Issues, IReadOnlyList<string> Recommendations, int FixRound);

/// <summary>Reads a task's test and review reports from its artifacts (confined to the task's folder by <see cref="TaskArtifacts"/>).</summary>
public sealed class TaskReports(TaskArtifacts artifacts)
{
    public const string TestSummary = "test-results/test-summary.json";
    public const string ReviewDecision = "review/review-decision.json";

    public async Task<TestReport?> TestsAsync(Guid taskId, CancellationToken ct)
    {
        if (await ReadAsync(taskId, TestSummary, ct) is not { } summary) return null;
        var unit = summary["unit"] as JsonObject;
        var browser = summary["browser"] as JsonObject;
        var coverage = summary["coverage"] as JsonObject;
        var screenshot = (string?)browser?["screenshot"] is { Length: > 0 } shot ? $"test-results/{shot}" : null;
        return new TestReport(
            (string?)summary["status"] ?? "unknown", Int(summary["fix_round"]) ?? 0,
            Int(unit?["total"]), Int(unit?["passed"]), Int(unit?["failed"]), Int(unit?["skipped"]),
            Double(coverage?["line_rate"]), (string?)coverage?["status"],
            [.. Items(unit?["failures"]).Select(f => new TestFailure((string?)f["test"] ?? "", (string?)f["message"] ?? ""))],
            [.. Items(summary["build_errors"]).Select(e => new BuildFailure((string?)e["file"], Int(e["line"]), (string?)e["code"], (string?)e["message"] ?? ""))],
            browser?["passed"] is JsonValue p && p.TryGetValue(out bool passed) ? passed : null,
            (string?)browser?["description"], (string?)browser?["error"], (string?)browser?["status"] ?? (string?)browser?["reason"],
            screenshot is not null && artifacts.Find(taskId, screenshot) is not null ? screenshot : null);
    }

    public async Task<ReviewReport?> ReviewAsync(Guid taskId, CancellationToken ct)
    {
        if (await ReadAsync(taskId, ReviewDecision, ct) is not { } decision) return null;
        var breakdown = decision["breakdown"] is JsonObject parts
            ? parts.Select(p => KeyValuePair.Create(p.Key, Int(p.Value) ?? 0)).ToList()
            : [];
        return new ReviewReport(
            (string?)decision["decision"] ?? "unknown", Int(decision["overall_score"]) ?? 0, Int(decision["min_approval_score"]), breakdown,
            [.. Items(decision["issues"]).Select(i => new ReviewFinding(
                (string?)i["severity"] ?? "info", (string?)i["category"] ?? "", (string?)i["file"], Int(i["line"]),
                (string?)i["message"] ?? "", (string?)i["suggestion"], i["blocking"] is JsonValue b && b.TryGetValue(out bool blocking) && blocking))],
            [.. Items(decision["recommendations"]).Select(r => (string?)r).OfType<string>()],
            Int(decision["fix_round"]) ?? 0);
    }

    async Task<JsonObject?> ReadAsync(Guid taskId, string path, CancellationToken ct)
    {
        if (artifacts.Find(taskId, path) is not { } file) return null;
        try { return JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct)) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; } // being written: the next event reads it again
        catch (IOException) { return null; }
    }

    static IEnumerable<JsonNode> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonNode>() : [];

    static int? Int(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue(out int i) ? i : v.TryGetValue(out double d) ? (int)Math.Round(d) : null
        : null;

    static double? Double(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
