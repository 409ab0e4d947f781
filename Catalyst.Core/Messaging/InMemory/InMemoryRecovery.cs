using System.Text;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Messaging.InMemory;

/// <summary>
/// After a restart in embedded mode, finds the events that were published to an agent but never handled by
/// it (no inbox row, not dead-lettered) while their task is still open: those were in memory when the
/// process stopped, and are delivered again.
/// </summary>
public static class InMemoryRecovery
{
    public static async Task<List<(IAgent Agent, Delivery Delivery)>> FindUnhandledAsync(
        CatalystDbContext db, IReadOnlyList<IAgent> agents, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<PendingRow>($"""
            SELECT o.event_id AS "EventId", o.body::text AS "Body", o.headers::text AS "Headers"
            FROM outbox o JOIN tasks t ON t.id = (o.body->>'task_id')::uuid
            WHERE o.published_at IS NOT NULL AND t.status NOT IN ('completed', 'failed', 'cancelled')
            ORDER BY o.id
            """).ToListAsync(ct);
        if (rows.Count == 0) return [];

        var ids = rows.Select(r => r.EventId).ToList();
        var handled = (await db.Inbox.Where(i => ids.Contains(i.EventId)).Select(i => new { i.Consumer, i.EventId }).ToListAsync(ct))
            .Select(i => (i.Consumer, i.EventId)).ToHashSet();
        var dead = (await db.DeadLetters.Where(d => ids.Contains(d.EventId) && d.ReplayedAt == null).Select(d => new { d.Consumer, d.EventId }).ToListAsync(ct))
            .Select(d => (d.Consumer, d.EventId)).ToHashSet();

        var pending = new List<(IAgent, Delivery)>();
        foreach (var row in rows)
        {
            var agentEvent = EventSerializer.Deserialize(Encoding.UTF8.GetBytes(row.Body));
            foreach (var agent in agents)
            {
                if (!agent.Consumes.Contains(agentEvent.EventType) || !EventTopology.IsFor(agent.Name, agentEvent)) continue;
                if (handled.Contains((agent.Name, row.EventId)) || dead.Contains((agent.Name, row.EventId))) continue;
                pending.Add((agent, new Delivery(agentEvent, TracePropagation.FromHeadersJson(row.Headers), 1)));
            }
        }
        return pending;
    }

    sealed record PendingRow(Guid EventId, string Body, string? Headers);
}
