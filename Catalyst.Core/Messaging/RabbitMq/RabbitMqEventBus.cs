using System.Collections.Concurrent;
using System.Text;
using Catalyst.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>
/// Publishes persistent messages with publisher confirms: a publish returns only once the broker has the
/// message, so the outbox row is marked published only then.
/// </summary>
public sealed class RabbitMqEventBus(
    RabbitMqConnection connection, MissingAgentReporter missing, IOptions<MessagingOptions> options, TimeProvider time,
    ILogger<RabbitMqEventBus> logger) : IEventBus, IAsyncDisposable
{
    static readonly TimeSpan ConsumerCheckInterval = TimeSpan.FromSeconds(5);

    readonly SemaphoreSlim gate = new(1, 1);
    readonly ConcurrentDictionary<string, DateTimeOffset> queuesWithConsumers = new();
    IChannel? channel;

    public async Task PublishAsync(OutgoingEvent message, CancellationToken ct)
    {
        await PublishCoreAsync(EventTopology.Exchange, message.RoutingKey, message.Body, message.Headers, message, ct);
        try { await ReportMissingAgentsAsync(message, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a courtesy to the user; the publish itself succeeded and must count as such.
            logger.LogDebug(ex, "Could not check for consumers of {EventType}", message.EventType);
        }
    }

    public Task SendToAgentAsync(string agent, OutgoingEvent message, CancellationToken ct) =>
        PublishCoreAsync("", EventTopology.QueueFor(agent), message.Body, message.Headers, message, ct);

    internal Task PublishRetryAsync(string agent, int retry, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, CancellationToken ct) =>
        PublishCoreAsync("", RabbitMqTopology.RetryQueue(agent, options.Value.RetryDelay(retry)), body, headers, null, ct);

    internal Task PublishDeadLetterAsync(string agent, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, CancellationToken ct) =>
        PublishCoreAsync(EventTopology.DeadLetterExchange, EventTopology.QueueFor(agent), body, headers, null, ct);

    async Task PublishCoreAsync(
        string exchange, string routingKey, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, OutgoingEvent? message, CancellationToken ct)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            MessageId = message?.EventId.ToString(),
            Type = message?.EventType,
            Timestamp = new AmqpTimestamp(time.GetUtcNow().ToUnixTimeSeconds()),
            Headers = headers.ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        await gate.WaitAsync(ct);
        try
        {
            var publisher = await GetChannelAsync(ct);
            // With confirmation tracking on, this completes when the broker confirms (and throws on a nack).
            await publisher.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, ct);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.BrokerUnreachableException
            or RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.ConnectFailureException or IOException)
        {
            await DropChannelAsync();
            throw new EventBusUnavailableException($"RabbitMQ is not reachable: {ex.Message}", ex);
        }
        catch
        {
            // A channel that failed mid-publish may be unusable; start the next publish on a fresh one.
            await DropChannelAsync();
            throw;
        }
        finally { gate.Release(); }
    }

    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken ct)
    {
        var depths = new Dictionary<string, long>();
        await gate.WaitAsync(ct);
        try
        {
            var channel = await GetChannelAsync(ct);
            foreach (var agent in EventTopology.AgentBindings.Keys)
                depths[EventTopology.QueueFor(agent)] = await channel.MessageCountAsync(EventTopology.QueueFor(agent), ct);
        }
        finally { gate.Release(); }
        return depths;
    }

    async Task ReportMissingAgentsAsync(OutgoingEvent message, CancellationToken ct)
    {
        if (!EventTopology.AgentsFor(message.EventType).Any()) return; // progress and other broadcast-only events
        var agentEvent = EventSerializer.Deserialize(message.Body.Span);
        foreach (var agent in EventTopology.AgentsFor(agentEvent))
        {
            var queue = EventTopology.QueueFor(agent);
            if (queuesWithConsumers.TryGetValue(queue, out var seen) && time.GetUtcNow() - seen < ConsumerCheckInterval) continue;
            uint consumers;
            await gate.WaitAsync(ct);
            try { consumers = await (await GetChannelAsync(ct)).ConsumerCountAsync(queue, ct); }
            finally { gate.Release(); }
            if (consumers > 0) queuesWithConsumers[queue] = time.GetUtcNow();
            else await missing.ReportAsync(agent, agentEvent, ct);
        }
    }

    async Task<IChannel> GetChannelAsync(CancellationToken ct)
    {
        if (channel is { IsOpen: true }) return channel;
        await DropChannelAsync();
        var opened = await connection.GetAsync(ct);
        channel = await opened.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        return channel;
    }

    async Task DropChannelAsync()
    {
        if (channel is null) return;
        try { await channel.DisposeAsync(); } catch (Exception) { /* already broken */ }
        channel = null;
    }

    public async ValueTask DisposeAsync() => await DropChannelAsync();

    internal static Dictionary<string, string> ReadHeaders(IReadOnlyBasicProperties properties)
    {
        var headers = new Dictionary<string, string>();
        if (properties.Headers is null) return headers;
        foreach (var (key, value) in properties.Headers)
        {
            // Only our own headers travel on: the broker's (x-death, ...) are lists that do not survive as text.
            if (!TracePropagation.IsTraceHeader(key) && !key.StartsWith(RabbitMqTopology.HeaderPrefix, StringComparison.Ordinal)) continue;
            if (value is byte[] bytes) headers[key] = Encoding.UTF8.GetString(bytes);
            else if (value is not null) headers[key] = value.ToString()!;
        }
        return headers;
    }
}
