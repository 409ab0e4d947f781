namespace Catalyst.Core.Tasks;

/// <summary>
/// Where a build task stands. Named TaskState rather than TaskStatus so it never collides with
/// System.Threading.Tasks.TaskStatus under implicit usings. Stored as its snake_case name.
/// </summary>
public enum TaskState
{
    Queued,
    Planning,
    Architecting,
    Coding,
    Testing,
    Reviewing,
    Deploying,
    Completed,
    Failed,
    Cancelled,
}

public static class TaskStateNames
{
    public static string ToWireName(this TaskState state) => state.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out TaskState state) =>
        Enum.TryParse(value, ignoreCase: true, out state) && Enum.IsDefined(state);

    public static TaskState Parse(string value) =>
        TryParse(value, out var state) ? state : throw new ArgumentException($"Unknown task status '{value}'.", nameof(value));
}
