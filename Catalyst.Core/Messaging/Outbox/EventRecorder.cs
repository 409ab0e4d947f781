using System.Diagnostics;
using Catalyst.Core.Events;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Security;

namespace Catalyst.Core.Messaging.Outbox;

/// <summary>
/// Records an event inside the caller's unit of work: one audit row in agent_events and one pending row in
/// the outbox. Both commit with the state change that caused the event, or neither does.
/// </summary>
public static class EventRecorder
{
    public static void Record(CatalystDbContext db, AgentEvent agentEvent, DateTimeOffset now, Activity? cause = null)
    {
        // Whatever a step put in the payload (an exception's text, a tool's output) goes out without credentials.
        agentEvent = agentEvent with { Payload = SecretRedactor.Redact(agentEvent.Payload) };
        var body = EventSerializer.Serialize(agentEvent);
        db.AgentEvents.Add(new AgentEventEntity
        {
            EventId = agentEvent.EventId,
            TraceId = agentEvent.TraceId,
            TaskId = agentEvent.TaskId,
            Actor = agentEvent.Actor,
            EventType = agentEvent.EventType,
            Repo = agentEvent.Repo,
            Branch = agentEvent.Branch,
            Commit = agentEvent.Commit,
            Payload = agentEvent.Payload.ToJsonString(),
            Metadata = agentEvent.Metadata?.ToJsonString(),
            OccurredAt = agentEvent.Timestamp,
            CreatedAt = now,
        });
        db.Outbox.Add(new OutboxMessageEntity
        {
            EventId = agentEvent.EventId,
            EventType = agentEvent.EventType,
            RoutingKey = agentEvent.RoutingKey,
            Body = body,
            Headers = TracePropagation.ToHeadersJson(cause),
            CreatedAt = now,
        });
    }
}
