using System.Text.Json.Nodes;
using Catalyst.Core.Events;

namespace Catalyst.Agents.Coder;

/// <summary>One thing to fix: where (when known) and what is wrong.</summary>
public sealed record FixFinding(string? File, int? Line, string Message, bool Blocking)
{
    /// <summary>The failing test's name, when the finding is a failing test (its file is found in the tree).</summary>
    public string? Test { get; init; }
}

/// <summary>
/// Why a task came back to the Coder, read from what the Tester or the Reviewer wrote: compiler errors,
/// failing tests, a failed browser check, or the review's issues.
/// </summary>
public sealed record FixRequest(string Source, int Round, string Summary, IReadOnlyList<FixFinding> Findings)
{
    public static FixRequest Read(AgentEvent trigger, string taskArtifacts)
    {
        var round = trigger.FixRound;
        return trigger.EventType == EventTypes.TestResults
            ? FromTests(round, Load(Path.Combine(taskArtifacts, "test-results", "test-summary.json")))
            : FromReview(round, trigger.Payload, Load(Path.Combine(taskArtifacts, "review", "review-decision.json")));
    }

    static FixRequest FromTests(int round, JsonObject? summary)
    {
        var findings = new List<FixFinding>();
        foreach (var error in Items(summary?["build_errors"]))
            findings.Add(new((string?)error["file"], (int?)error["line"], $"{(string?)error["code"]}: {(string?)error["message"]}", true));
        foreach (var failure in Items(summary?["unit"]?["failures"]))
            findings.Add(new(null, null, $"test {(string?)failure["test"]} fails: {(string?)failure["message"]}", true) { Test = (string?)failure["test"] });
        if (summary?["timed_out"]?.GetValue<bool>() == true) findings.Add(new(null, null, "the tests did not finish within the time limit", true));
        if (summary?["browser"] is JsonObject e2e && (string?)e2e["status"] != "not_run" && e2e["passed"]?.GetValue<bool>() == false)
            findings.Add(new(null, null, $"the browser check failed: {(string?)e2e["error"]}", true));
        var unit = summary?["unit"];
        var what = Items(summary?["build_errors"]).Any() ? "the build fails"
            : unit?["failed"] is JsonNode failed && (int)failed > 0 ? $"{(int)failed} of {(int?)unit["total"]} tests fail"
            : Items(summary?["steps"]).FirstOrDefault(s => (int?)s["exit_code"] is not (null or 0)) is { } step ? $"the {(string?)step["name"]} step failed"
            : "the tests did not pass";
        if (findings.Count == 0) findings.Add(new(null, null, what, true));
        return new FixRequest(EventTypes.TestResults, round, what, findings);
    }

    static FixRequest FromReview(int round, JsonObject payload, JsonObject? decision)
    {
        var findings = Items(decision?["issues"])
            .Where(i => (bool?)i["blocking"] == true || (string?)i["severity"] is "critical" or "high" or "medium")
            .Select(i => new FixFinding((string?)i["file"], (int?)i["line"], (string?)i["message"] ?? "", (bool?)i["blocking"] == true))
            .ToList();
        var summary = $"the review requested changes (score {(int?)payload["score"]}/100, {(int?)payload["blocking_issues"] ?? 0} blocking)";
        return new FixRequest(EventTypes.ReviewDecision, round, summary, findings);
    }

    static JsonObject? Load(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;

    static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>The findings in a few lines, for the task's failure reason and the fix commit.</summary>
    public string Describe(int max = 5) =>
        string.Join("; ", Findings.Take(max).Select(f => f.File is null ? f.Message : $"{f.File}{(f.Line is null ? "" : $":{f.Line}")}: {f.Message}"))
        + (Findings.Count > max ? $"; and {Findings.Count - max} more" : "");
}
