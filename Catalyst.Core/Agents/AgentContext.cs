using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Tasks;

namespace Catalyst.Core.Agents;

/// <summary>
/// What an agent may do while it handles one event. Everything goes into the handler's unit of work:
/// emitted events (audit row + outbox row), log lines, task changes. It all commits together or not at all.
/// </summary>
public sealed class AgentContext(
    IAgent agent, AgentEvent trigger, TaskEntity task, CatalystDbContext db, TimeProvider time, IServiceProvider services)
{
    readonly List<AgentEvent> emitted = [];

    public string AgentName => agent.Name;
    public AgentEvent Trigger => trigger;
    public TaskEntity Task => task;
    public CatalystDbContext Db => db;
    public IServiceProvider Services => services;
    public IReadOnlyList<AgentEvent> Emitted => emitted;

    /// <summary>Emits an event on behalf of this agent, in the same trace and for the same task.</summary>
    public AgentEvent Emit(string eventType, JsonObject payload, string? repo = null, string? branch = null, string? commit = null)
    {
        var now = time.GetUtcNow();
        var agentEvent = AgentEvent.Create(trigger.TraceId, trigger.TaskId, agent.Name, eventType, payload, now,
            repo ?? trigger.Repo, branch ?? trigger.Branch, commit ?? trigger.Commit);
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
            Message = message,
            Level = level,
            Timestamp = time.GetUtcNow(),
        });
    }

    /// <summary>Marks the task finished (the deployer's last step).</summary>
    public void CompleteTask(string? previewUrl = null)
    {
        TaskTransitions.Apply(task, TaskState.Completed, null, time.GetUtcNow());
        if (previewUrl is not null) task.PreviewUrl = previewUrl;
    }
}
