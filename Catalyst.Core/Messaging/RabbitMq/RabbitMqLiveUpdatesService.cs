using System.Text.Json;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>
/// This Api instance's own exclusive, auto-delete queue bound to every event, feeding its browsers' live
/// streams. Losing it loses nothing: the audit trail in PostgreSQL is the record.
/// </summary>
public sealed class RabbitMqLiveUpdatesService(RabbitMqConnection connection, LiveEventFeed feed, ILogger<RabbitMqLiveUpdatesService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var open = await connection.GetAsync(stoppingToken);
        var channel = await open.CreateChannelAsync(cancellationToken: stoppingToken);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: stoppingToken);
        await channel.QueueBindAsync(queue.QueueName, EventTopology.Exchange, EventTopology.LiveUpdatesBinding, cancellationToken: stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            try { feed.Publish(EventSerializer.Deserialize(delivery.Body.Span)); }
            catch (JsonException ex) { logger.LogDebug(ex, "Ignoring a live update that is not an event"); }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        await channel.DisposeAsync();
    }
}
