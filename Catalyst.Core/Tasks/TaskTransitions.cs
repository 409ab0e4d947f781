using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Security;

namespace Catalyst.Core.Tasks;

/// <summary>Applies a state-machine move to a task row (saved by the caller's unit of work).</summary>
public static class TaskTransitions
{
    public static void Apply(TaskEntity task, TaskState to, string? reason, DateTimeOffset now)
    {
        TaskStateMachine.EnsureCanTransition(TaskStateNames.Parse(task.Status), to);
        task.Status = to.ToWireName();
        task.CurrentPhase = TaskStateMachine.PhaseOf(to) ?? task.CurrentPhase;
        task.UpdatedAt = now;
        if (TaskStateMachine.IsTerminal(to))
        {
            task.CompletedAt = now;
            TaskMetrics.RecordFinished(to, now - task.CreatedAt);
        }
        if (to == TaskState.Failed) task.FailureReason = reason is null ? null : SecretRedactor.Redact(reason);
    }

    public static TaskState StateOf(TaskEntity task) => TaskStateNames.Parse(task.Status);
}
