using System.Globalization;
using System.Text.Json.Nodes;
using Catalyst.Core.Tasks;

namespace Catalyst.Api.Chat;

/// <summary>
/// Answers a question about a task from what the task records: its status and phase, the failure reason, the
/// preview URL, and the result the Deployer leaves (test totals, review score). Never states what was not measured.
/// </summary>
public static class TaskAnswers
{
    public static string Answer(TaskView task, QuestionTopic topic)
    {
        var lines = new List<string> { Where(task) };
        switch (topic)
        {
            case QuestionTopic.Failure: lines.Add(Failure(task)); break;
            case QuestionTopic.Location: lines.Add(Location(task)); break;
            case QuestionTopic.Tests: lines.Add(Tests(task)); break;
            case QuestionTopic.Review: lines.Add(Review(task)); break;
            case QuestionTopic.Cost: lines.Add($"It has cost {task.CostTotal.ToString("0.######", CultureInfo.InvariantCulture)} USD in model calls so far."); break;
            default: lines.AddRange(Summary(task)); break;
        }
        lines.Add($"Details: GET /api/tasks/{task.Id}");
        return string.Join('\n', lines.Where(l => l.Length > 0));
    }

    static string Where(TaskView task)
    {
        var phase = task.CurrentPhase is { Length: > 0 } p && p != task.Status ? $" (phase: {p})" : "";
        return $"Task {task.Id} on project \"{task.ProjectName}\" is {Status(task.Status)}{phase}.";
    }

    /// <summary>For a status question, everything the task has that a user would ask about next.</summary>
    static IEnumerable<string> Summary(TaskView task)
    {
        if (task.Status == TaskState.Failed.ToWireName()) yield return Failure(task);
        if (task.Status == TaskState.AwaitingApproval.ToWireName())
            yield return $"It waits for you to approve the understood spec: POST /api/tasks/{task.Id}/plan/approve.";
        if (PreviewUrl(task) is not null) yield return Location(task);
        if (task.Result?["tests"] is JsonObject) yield return Tests(task);
        if (ReviewScore(task) is not null) yield return Review(task);
    }

    static string Failure(TaskView task) =>
        task.Status == TaskState.Failed.ToWireName()
            ? $"It failed: {task.FailureReason ?? "no reason was recorded"}"
            : task.Status == TaskState.Cancelled.ToWireName()
                ? $"Nothing failed: it was cancelled ({task.FailureReason ?? "no reason recorded"})."
                : "Nothing has failed.";

    static string Location(TaskView task)
    {
        if (PreviewUrl(task) is { } url)
        {
            var direct = (string?)task.Result?["direct_url"];
            return direct is not null && direct != url ? $"Your app is running at {url} (direct: {direct})." : $"Your app is running at {url}.";
        }
        return task.Status == TaskState.Completed.ToWireName()
            ? "It finished without a running preview (its deployment files were written only)."
            : "It has no preview yet: the preview URL appears here once the Deployer has started the app.";
    }

    static string Tests(TaskView task)
    {
        if (task.Result?["tests"] is not JsonObject tests || tests["total"] is null)
            return "There are no test results yet: the Tester reports them after it has built and run the app's tests.";
        var line = $"Tests: {tests["passed"]} of {tests["total"]} passed";
        if (tests["failed"] is { } failed && (int)failed > 0) line += $", {failed} failed";
        if (tests["skipped"] is { } skipped && (int)skipped > 0) line += $", {skipped} skipped";
        if (tests["coverage"] is { } coverage) line += $", line coverage {((double)coverage * 100).ToString("0", CultureInfo.InvariantCulture)}%";
        if (tests["e2e_passed"] is { } e2e) line += (bool)e2e ? "; the browser check passed" : "; the browser check failed";
        return line + ".";
    }

    static string Review(TaskView task)
    {
        if (ReviewScore(task) is not { } score) return "There is no review yet: the Reviewer scores the code after the tests have run.";
        var issues = task.Result?["review"]?["issues"] is JsonArray list ? $" with {list.Count} issue{(list.Count == 1 ? "" : "s")}" : "";
        return $"The review scored it {score}/100{issues}.";
    }

    static string? PreviewUrl(TaskView task) => task.PreviewUrl ?? (string?)task.Result?["preview_url"];

    static string? ReviewScore(TaskView task) => task.Result?["review"]?["score"] is JsonValue score ? score.ToJsonString() : null;

    static string Status(string status) => status.Replace('_', ' ');
}
