using System.Text.Json.Nodes;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Events;

/// <summary>Reads the audit trail back as envelopes, in the order they were recorded.</summary>
public sealed class EventQueries(CatalystDbContext db)
{
    public async Task<IReadOnlyList<AgentEvent>> ForTaskAsync(Guid taskId, CancellationToken ct)
    {
        var rows = await db.AgentEvents.AsNoTracking()
            .Where(e => e.TaskId == taskId)
            .OrderBy(e => e.Id)
            .ToListAsync(ct);
        return rows.Select(ToEnvelope).ToList();
    }

    public static AgentEvent ToEnvelope(AgentEventEntity e) => new(
        e.EventId, e.TraceId, e.TaskId ?? Guid.Empty, e.Actor, e.EventType, e.Repo, e.Branch, e.Commit,
        e.OccurredAt, JsonNode.Parse(e.Payload ?? "{}")!.AsObject(),
        e.Metadata is null ? null : JsonNode.Parse(e.Metadata)!.AsObject());
}
