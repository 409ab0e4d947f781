using System.Diagnostics.Metrics;

namespace Catalyst.Core.Tasks;

/// <summary>What the dashboard charts about tasks: how they end, and how long they took.</summary>
public static class TaskMetrics
{
    public const string MeterName = "Catalyst.Tasks";

    static readonly Meter Meter = new(MeterName);

    static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "catalyst.tasks.finished", description: "Tasks that reached an end state, by outcome (completed, failed, cancelled)");

    static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "catalyst.tasks.duration", "s", "Time from a task's creation to its end state, by outcome");

    internal static void RecordFinished(TaskState outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToWireName());
        Finished.Add(1, tag);
        Duration.Record(duration.TotalSeconds, tag);
    }
}
