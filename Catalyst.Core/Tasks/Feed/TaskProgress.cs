using Catalyst.Core.Events;
using Catalyst.Core.Persistence.Entities;

namespace Catalyst.Core.Tasks.Feed;

/// <summary>The time a task has spent in one phase, fix rounds added up.</summary>
public sealed record PhaseTime(string Phase, double Seconds, int Visits);

/// <summary>Where a task stands, for a progress bar: the phase, the share of stages done, the files so far and the time per phase.</summary>
public sealed record TaskProgressView(
    Guid TaskId,
    string Status,
    string Phase,
    double Progress,
    int FilesCreated,
    int? LinesOfCode,
    int FixRounds,
    double ElapsedSeconds,
    IReadOnlyList<PhaseTime> Phases)
{
    /// <summary>
    /// Replays the task's events: each interval between two events belongs to the phase the task was in, which
    /// the earlier event started (<see cref="TaskFeedTranslator.PhaseAfter"/>). An unfinished task's current
    /// phase runs until <paramref name="now"/>.
    /// </summary>
    public static TaskProgressView From(TaskEntity task, IReadOnlyList<AgentEvent> events, DateTimeOffset now)
    {
        var phase = TaskState.Queued.ToWireName();
        var done = 0.0;
        var since = task.CreatedAt;
        var times = new List<(string Phase, TimeSpan Time)>();
        var files = 0;
        int? lines = null;
        var fixRounds = 0;
        foreach (var e in events)
        {
            if (e.Timestamp > since) times.Add((phase, e.Timestamp - since));
            since = e.Timestamp > since ? e.Timestamp : since;
            if (e.EventType == EventTypes.CodePrOpened)
            {
                files = e.Payload["files_created"] is { } created ? (int)created : files;
                lines = e.Payload["lines_of_code"] is { } loc ? (int)loc : lines;
                fixRounds = e.Payload["fix_round"] is { } round ? Math.Max(fixRounds, (int)round) : fixRounds;
            }
            if (TaskFeedTranslator.PhaseAfter(e) is ({ } next, var share))
            {
                if (next != phase) times.Add((next, TimeSpan.Zero)); // a visit, even an instant one
                (phase, done) = (next, share);
            }
        }

        var state = TaskStateNames.Parse(task.Status);
        var end = task.CompletedAt ?? now;
        if (!TaskStateMachine.IsTerminal(state) && end > since) times.Add((phase, end - since));
        if (state != TaskState.Completed && TaskStateMachine.IsTerminal(state)) phase = task.Status;

        var phases = times
            .Where(t => t.Phase != TaskState.Completed.ToWireName() && t.Phase != TaskState.Queued.ToWireName())
            .GroupBy(t => t.Phase)
            .Select(g => new PhaseTime(g.Key, Math.Round(g.Sum(t => t.Time.TotalSeconds), 3), Visits(times, g.Key)))
            .ToList();
        return new(task.Id, task.Status, phase, Math.Round(done, 3), files, lines, fixRounds,
            Math.Round((end - task.CreatedAt).TotalSeconds, 3), phases);
    }

    /// <summary>How many times the task entered the phase (the Coder's count grows with each fix round).</summary>
    static int Visits(List<(string Phase, TimeSpan Time)> times, string phase) =>
        times.Where((t, i) => t.Phase == phase && (i == 0 || times[i - 1].Phase != phase)).Count();
}
