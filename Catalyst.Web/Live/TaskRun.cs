using System.Text.Json.Nodes;
using Catalyst.Core.Tasks.Feed;

namespace Catalyst.Web.Live;

/// <summary>One progress line an agent wrote.</summary>
public sealed record AgentLine(string Message, string Level, DateTimeOffset Timestamp);

/// <summary>An agent's turn in a run: its lines, in order. A fix round sends the Coder back in: a new group.</summary>
public sealed class AgentGroup(string agent)
{
    public string Agent { get; } = agent;
    public List<AgentLine> Lines { get; } = [];
}

/// <summary>
/// What a finished task produced, read from its task_complete message. <see cref="NotBuilt"/>: what was asked for that
/// the offline generator could not build, and what it built instead (the task's limitations); empty when none.
/// </summary>
public sealed record RunResult(
    string Status, string? Reason, string? PreviewUrl, string? Repository, string? Branch,
    int? TestsTotal, int? TestsPassed, int? TestsFailed, double? Coverage, int? ReviewScore, int? ReviewIssues,
    IReadOnlyList<string>? NotBuilt = null)
{
    public IReadOnlyList<string> NotBuiltOrNone => NotBuilt ?? [];
}

/// <summary>
/// A task as the chat shows it while it runs, folded from its live feed: the agents' lines grouped per agent, the
/// phase it is in, when it started, and at the end its result. It only ever moves forward, one message at a time.
/// </summary>
public sealed class TaskRun(Guid taskId)
{
    public Guid TaskId { get; } = taskId;
    public List<AgentGroup> Groups { get; } = [];
    public string Phase { get; private set; } = "queued";
    public double Progress { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? LastEventAt { get; private set; }
    public string? PreviewUrl { get; private set; }
    public RunResult? Result { get; private set; }
    public bool IsFinished => Result is not null;
    public int LineCount => Groups.Sum(g => g.Lines.Count);

    /// <summary>The last message applied: a feed followed again resumes after it, so nothing shows twice.</summary>
    public TaskFeedPosition Position { get; private set; } = TaskFeedPosition.Start;

    /// <summary>Why the live feed is not being followed right now, for the user; null while it is.</summary>
    public string? FeedProblem { get; set; }

    public void Apply(TaskFeedMessage message)
    {
        if (!Position.IsBefore(message.Position)) return;
        Position = message.Position;
        var data = message.Data;
        switch (message.Type)
        {
            case TaskFeedMessage.AgentEvent:
                var at = Time(data["timestamp"]);
                StartedAt ??= at;
                LastEventAt = at ?? LastEventAt;
                break;
            case TaskFeedMessage.AgentLog:
                var agent = (string?)data["agent_name"] ?? "catalyst";
                if (Groups.Count == 0 || Groups[^1].Agent != agent) Groups.Add(new AgentGroup(agent));
                Groups[^1].Lines.Add(new AgentLine((string?)data["message"] ?? "", (string?)data["level"] ?? "info", Time(data["timestamp"]) ?? DateTimeOffset.UtcNow));
                break;
            case TaskFeedMessage.Progress:
                Phase = (string?)data["phase"] ?? Phase;
                Progress = data["progress"] is JsonValue share && share.TryGetValue(out double p) ? p : Progress;
                break;
            case TaskFeedMessage.PreviewReady:
                PreviewUrl = (string?)data["preview_url"];
                break;
            case TaskFeedMessage.TaskComplete:
                Result = ResultOf(data);
                Phase = Result.Status;
                break;
        }
    }

    RunResult ResultOf(JsonObject data)
    {
        var code = data["artifacts"]?["code"];
        var tests = data["tests"] as JsonObject;
        var review = data["review"] as JsonObject;
        return new RunResult(
            (string?)data["status"] ?? "completed",
            (string?)data["reason"],
            (string?)data["artifacts"]?["preview"] ?? PreviewUrl,
            Text(code?["repo"]), Text(code?["branch"]),
            Int(tests?["total"]), Int(tests?["passed"]), Int(tests?["failed"]), Double(tests?["coverage"]),
            Int(review?["score"]), review?["issues"] is JsonArray list ? list.Count : Int(review?["issues"]),
            data["limitations"] is JsonArray limitations ? [.. limitations.Select(Text).OfType<string>()] : []);
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;

    static int? Int(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue(out int i) ? i : v.TryGetValue(out double d) ? (int)Math.Round(d) : null
        : null;

    static double? Double(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;

    static DateTimeOffset? Time(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue(out DateTimeOffset t) ? t : v.TryGetValue(out string? s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : null;
}
