using System.Collections.Concurrent;
using System.Threading.Channels;
using Catalyst.Core.Events;

namespace Catalyst.Core.Messaging.Live;

/// <summary>
/// Fans every event seen by this process out to its live subscribers (server-sent event streams). A slow
/// subscriber loses its oldest buffered events rather than slowing the bus down.
/// </summary>
public sealed class LiveEventFeed
{
    readonly ConcurrentDictionary<Guid, Subscription> subscriptions = new();

    public void Publish(AgentEvent agentEvent)
    {
        foreach (var subscription in subscriptions.Values)
            if (subscription.TaskId is null || subscription.TaskId == agentEvent.TaskId)
                subscription.Channel.Writer.TryWrite(agentEvent);
    }

    public Subscription Subscribe(Guid? taskId)
    {
        var subscription = new Subscription(this, taskId);
        subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public sealed class Subscription : IDisposable
    {
        readonly LiveEventFeed feed;

        internal Subscription(LiveEventFeed feed, Guid? taskId)
        {
            this.feed = feed;
            TaskId = taskId;
        }

        public Guid Id { get; } = Guid.NewGuid();
        public Guid? TaskId { get; }
        internal Channel<AgentEvent> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<AgentEvent>(
            new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });

        public IAsyncEnumerable<AgentEvent> ReadAllAsync(CancellationToken ct) => Channel.Reader.ReadAllAsync(ct);

        public void Dispose()
        {
            feed.subscriptions.TryRemove(Id, out _);
            Channel.Writer.TryComplete();
        }
    }
}
