using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Security;
using Catalyst.Core.Tasks;

namespace Catalyst.Core.Agents;

/// <summary>
/// What an agent may do while it handles one event. Everything goes into the step's unit of work: emitted
/// events (audit row + outbox row), log lines, task changes, enlisted effects. It all commits together, after
/// the handler returns, or not at all.
/// </summary>
public sealed class AgentContext(
    IAgent agent, AgentEvent trigger, TaskEntity task, CatalystDbContext db, TimeProvider time, IServiceProvider services)
{
    readonly List<AgentEvent> emitted = [];
    readonly List<Func<CatalystDbContext, CancellationToken, Task>> effects = [];

    public string AgentName => agent.Name;
    public AgentEvent Trigger => trigger;
    public TaskEntity Task => task;
    public CatalystDbContext Db => db;
    public IServiceProvider Services => services;
    public IReadOnlyList<AgentEvent> Emitted => emitted;
    internal IReadOnlyList<Func<CatalystDbContext, CancellationToken, Task>> Effects => effects;

    /// <summary>
    /// Runs <paramref name="effect"/> inside the commit of this step (raw SQL, for instance), so it happens
    /// exactly when the step's other changes do. Tracked entity changes on <see cref="Db"/> need no enlisting.
    /// </summary>
    public void Enlist(Func<CatalystDbContext, CancellationToken, Task> effect) => effects.Add(effect);

    /// <summary>Emits an event on behalf of this agent, in the same trace and for the same task.</summary>
    public AgentEvent Emit(string eventType, JsonObject payload, string? repo = null, string? branch = null, string? commit = null)
    {
        var now = time.GetUtcNow();
        var agentEvent = AgentEvent.Create(trigger.TraceId, trigger.TaskId, agent.Name, eventType, payload, now,
            repo ?? trigger.Repo, branch ?? trigger.Branch, commit ?? trigger.Commit) with { Metadata = EventOrigin.Metadata() };
        EventRecorder.Record(db, agentEvent, now, Activity.Current);
        emitted.Add(agentEvent);
        return agentEvent;
    }

    /// <summary>A progress line for the task's log (and the UI).</summary>
    public void Log(string message, string level = "info")
    {
        db.AgentLogs.Add(new AgentLogEntity
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            TaskId = task.Id,
            TraceId = task.TraceId,
            AgentName = agent.Name,
            Message = SecretRedactor.Redact(message),
            Level = level,
            Timestamp = time.GetUtcNow(),
        });
    }

    /// <summary>
    /// A progress line the user watches live: written to the task's log and emitted as task.progress
    /// (both commit with the step).
    /// </summary>
    public void Progress(string message, string level = "info")
    {
        Log(message, level);
        Emit(EventTypes.TaskProgress, new JsonObject { ["agent"] = agent.Name, ["message"] = message, ["level"] = level });
    }

    /// <summary>
    /// Ends the task as failed for a reason the user can act on (the work cannot go on, as opposed to a
    /// crash, which is retried and dead-lettered by the runner).
    /// </summary>
    public void FailTask(string reason)
    {
        TaskTransitions.Apply(task, TaskState.Failed, reason, time.GetUtcNow());
        Log(reason, "error");
        Emit(EventTypes.TaskFailed, new JsonObject { ["reason"] = reason, ["agent"] = agent.Name });
    }

    /// <summary>Parks the task in a waiting state (awaiting_approval) until something outside the pipeline resumes it.</summary>
    public void Await(TaskState waiting) => TaskTransitions.Apply(task, waiting, null, time.GetUtcNow());

    /// <summary>Marks the task finished (the deployer's last step).</summary>
    public void CompleteTask(string? previewUrl = null)
    {
        TaskTransitions.Apply(task, TaskState.Completed, null, time.GetUtcNow());
        if (previewUrl is not null) task.PreviewUrl = previewUrl;
    }
}
