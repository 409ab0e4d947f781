using RabbitMQ.Client;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>
/// Declares ARCHITECTURE.md's topology (idempotent): the topic exchange, one durable queue per agent bound to
/// its event types, TTL retry queues that dead-letter back into the agent's queue, and the dead-letter
/// exchange with its failed-events queue.
/// </summary>
public static class RabbitMqTopology
{
    public const string HeaderPrefix = "x-catalyst-";
    public const string AttemptHeader = "x-catalyst-attempt";
    public const string ErrorHeader = "x-catalyst-error";
    public const string ConsumerHeader = "x-catalyst-consumer";
    public const int DeliveryLimit = 20;

    public static async Task DeclareAsync(IChannel channel, MessagingOptions options, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(EventTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(EventTopology.DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        // A copy for operators; the dead_letters table is the record the API lists and replays. Bounded.
        await channel.QueueDeclareAsync(EventTopology.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 100_000 }, cancellationToken: ct);
        await channel.QueueBindAsync(EventTopology.DeadLetterQueue, EventTopology.DeadLetterExchange, "", cancellationToken: ct);

        foreach (var (agent, eventTypes) in EventTopology.AgentBindings)
        {
            var queue = EventTopology.QueueFor(agent);
            // Quorum queues count deliveries: a message that keeps crashing its consumer (the process dies before
            // any retry logic runs) is dead-lettered after DeliveryLimit deliveries instead of looping forever.
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-queue-type"] = "quorum",
                    ["x-delivery-limit"] = DeliveryLimit,
                    ["x-dead-letter-exchange"] = EventTopology.DeadLetterExchange,
                }, cancellationToken: ct);
            foreach (var eventType in eventTypes)
                await channel.QueueBindAsync(queue, EventTopology.Exchange, Events.EventTypes.RoutingKeyFor(eventType), cancellationToken: ct);

            for (var retry = 1; retry <= options.MaxRetries; retry++)
            {
                await channel.QueueDeclareAsync(RetryQueue(agent, options.RetryDelay(retry)), durable: true, exclusive: false, autoDelete: false,
                    arguments: new Dictionary<string, object?>
                    {
                        ["x-message-ttl"] = (int)options.RetryDelay(retry).TotalMilliseconds,
                        ["x-dead-letter-exchange"] = "",
                        ["x-dead-letter-routing-key"] = queue,
                    }, cancellationToken: ct);
            }
        }
    }

    /// <summary>
    /// Retry queues are named by their delay, so changing the configured delays declares new queues instead of
    /// failing on a queue whose arguments differ.
    /// </summary>
    public static string RetryQueue(string agent, TimeSpan delay) => $"{EventTopology.QueueFor(agent)}.retry.{(long)delay.TotalMilliseconds}ms";
}
