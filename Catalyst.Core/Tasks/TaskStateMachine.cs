using System.Collections.Frozen;

namespace Catalyst.Core.Tasks;

/// <summary>
/// The legal moves of a task. Work moves forward one phase at a time; planning may stop to wait for the
/// user's approval of the understood spec and resumes planning from the approved one; testing and reviewing
/// may send the task back to coding (the bounded fix loop); an Explorer scan runs in a task of its own, which
/// explores and then either completes or, for "analyze X and build something similar", goes on to planning; any unfinished task can fail or be cancelled;
/// finished tasks never move again.
/// </summary>
public static class TaskStateMachine
{
    static readonly FrozenDictionary<TaskState, FrozenSet<TaskState>> Transitions = new Dictionary<TaskState, FrozenSet<TaskState>>
    {
        [TaskState.Queued] = Set(TaskState.Planning, TaskState.Exploring),
        [TaskState.Exploring] = Set(TaskState.Planning, TaskState.Completed),
        [TaskState.Planning] = Set(TaskState.Architecting, TaskState.AwaitingApproval),
        [TaskState.AwaitingApproval] = Set(TaskState.Planning),
        [TaskState.Architecting] = Set(TaskState.Coding),
        [TaskState.Coding] = Set(TaskState.Testing),
        [TaskState.Testing] = Set(TaskState.Reviewing, TaskState.Coding),
        [TaskState.Reviewing] = Set(TaskState.Deploying, TaskState.Coding),
        [TaskState.Deploying] = Set(TaskState.Completed),
        [TaskState.Completed] = FrozenSet<TaskState>.Empty,
        [TaskState.Failed] = FrozenSet<TaskState>.Empty,
        [TaskState.Cancelled] = FrozenSet<TaskState>.Empty,
    }.ToFrozenDictionary();

    static FrozenSet<TaskState> Set(params TaskState[] next) =>
        next.Concat([TaskState.Failed, TaskState.Cancelled]).ToFrozenSet();

    public static bool IsTerminal(TaskState state) => Transitions[state].Count == 0;

    public static bool CanTransition(TaskState from, TaskState to) => Transitions[from].Contains(to);

    public static IReadOnlySet<TaskState> NextStates(TaskState from) => Transitions[from];

    public static void EnsureCanTransition(TaskState from, TaskState to)
    {
        if (!CanTransition(from, to)) throw new InvalidTaskTransitionException(from, to);
    }

    /// <summary>The phase name shown to users for a working state (the agent that owns it).</summary>
    public static string? PhaseOf(TaskState state) => state switch
    {
        TaskState.Exploring or TaskState.Planning or TaskState.Architecting or TaskState.Coding or TaskState.Testing
            or TaskState.Reviewing or TaskState.Deploying => state.ToWireName(),
        _ => null,
    };
}

public sealed class InvalidTaskTransitionException(TaskState from, TaskState to)
    : InvalidOperationException($"A task cannot move from '{from.ToWireName()}' to '{to.ToWireName()}'.")
{
    public TaskState From { get; } = from;
    public TaskState To { get; } = to;
}
