using System.Globalization;

namespace Catalyst.Core.Tasks.Feed;

/// <summary>
/// Where a reader of a task's feed stands: the audit-trail row of the last event it received and which of the
/// messages made from that event it got last. Sent as the SSE id ("{row}.{part}") and taken back from
/// Last-Event-ID, it lets a client that reconnects, to this Api instance or another, resume exactly after it.
/// </summary>
public readonly record struct TaskFeedPosition(long Row, int Part)
{
    /// <summary>Before the first message.</summary>
    public static TaskFeedPosition Start { get; } = new(0, int.MaxValue);

    public bool IsBefore(TaskFeedPosition other) => Row < other.Row || (Row == other.Row && Part < other.Part);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Row}.{Part}");

    public static bool TryParse(string? value, out TaskFeedPosition position)
    {
        position = Start;
        if (string.IsNullOrEmpty(value)) return true;
        var dot = value.IndexOf('.');
        if (dot <= 0 || value.Length > 40
            || !long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            || !int.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var part))
            return false;
        position = new(row, part);
        return true;
    }
}
