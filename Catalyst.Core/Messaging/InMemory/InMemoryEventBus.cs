using System.Collections.Frozen;
using System.Threading.Channels;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Live;

namespace Catalyst.Core.Messaging.InMemory;

/// <summary>
/// Embedded mode's bus: one channel per agent queue, routed by the same topology as RabbitMQ. Durability
/// comes from the outbox and inbox in PostgreSQL: whatever was in these channels when the process stopped is
/// found again by <see cref="InMemoryRecovery"/> on the next start.
/// </summary>
public sealed class InMemoryEventBus(IEnumerable<IAgent> agents, LiveEventFeed live, MissingAgentReporter missing) : IEventBus
{
    readonly FrozenDictionary<string, Channel<Delivery>> queues = agents
        .ToFrozenDictionary(a => a.Name, _ => Channel.CreateUnbounded<Delivery>());

    public async Task PublishAsync(OutgoingEvent message, CancellationToken ct)
    {
        var agentEvent = EventSerializer.Deserialize(message.Body.Span);
        live.Publish(agentEvent);
        foreach (var agent in EventTopology.AgentsFor(agentEvent))
        {
            if (queues.TryGetValue(agent, out var queue)) await queue.Writer.WriteAsync(new Delivery(agentEvent, message.Headers, 1), ct);
            else await missing.ReportAsync(agent, agentEvent, ct);
        }
    }

    public async Task SendToAgentAsync(string agent, OutgoingEvent message, CancellationToken ct)
    {
        if (!queues.TryGetValue(agent, out var queue))
            throw new InvalidOperationException($"The {agent} agent is not running in this process.");
        await queue.Writer.WriteAsync(new Delivery(EventSerializer.Deserialize(message.Body.Span), message.Headers, 1), ct);
    }

    public Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(
            queues.ToDictionary(q => EventTopology.QueueFor(q.Key), q => (long)q.Value.Reader.Count));

    internal ChannelReader<Delivery> ReaderFor(string agent) => queues[agent].Reader;

    internal ValueTask EnqueueAsync(string agent, Delivery delivery, CancellationToken ct) => queues[agent].Writer.WriteAsync(delivery, ct);
}
