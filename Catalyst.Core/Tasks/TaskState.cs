using System.Text.Json;

namespace Catalyst.Core.Tasks;

/// <summary>
/// Where a build task stands. Named TaskState rather than TaskStatus so it never collides with
/// System.Threading.Tasks.TaskStatus under implicit usings. Stored as its snake_case name.
/// </summary>
public enum TaskState
{
    Queued,

    /// <summary>The Explorer scans a repository, deployment or database; the task then completes, or plans from the findings.</summary>
    Exploring,
    Planning,

    /// <summary>The understood spec waits for the user to approve or correct it before any code is written.</summary>
    AwaitingApproval,
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
    public static string ToWireName(this TaskState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    public static bool TryParse(string? value, out TaskState state)
    {
        state = default;
        return value is not null && !value.Contains(',') && !int.TryParse(value, out _)
            && Enum.TryParse(value.Replace("_", ""), ignoreCase: true, out state) && Enum.IsDefined(state);
    }

    public static TaskState Parse(string value) =>
        TryParse(value, out var state) ? state : throw new ArgumentException($"Unknown task status '{value}'.", nameof(value));
}
