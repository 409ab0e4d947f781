using System.Collections.Concurrent;
using System.Threading.Channels;
using Catalyst.Core.Events;

namespace Catalyst.Core.Messaging.Live;

/// <summary>
/// Fans every event seen by this process out to its live subscribers: the task feeds, which take it as a
/// doorbell and read what is new from the record. A slow subscriber loses its oldest buffered events rather
/// than slowing the bus down, and loses nothing by it.
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

        /// <summary>
        /// Returns when an event has arrived since the last call, or after <paramref name="timeout"/>: a doorbell
        /// for readers that take what is new from the record, so a dropped or missed event only delays them.
        /// </summary>
        public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try { await Channel.Reader.WaitToReadAsync(limit.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            while (Channel.Reader.TryRead(out _)) { }
        }

        public void Dispose()
        {
            feed.subscriptions.TryRemove(Id, out _);
            Channel.Writer.TryComplete();
        }
    }
}
