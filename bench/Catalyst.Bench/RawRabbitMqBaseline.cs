using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Catalyst.Bench;

/// <summary>
/// The floor: RabbitMQ.Client alone, a persistent message published with confirms to a durable queue and
/// consumed with manual ack and prefetch 1, with no database, outbox or inbox.
/// </summary>
public static class RawRabbitMqBaseline
{
    public sealed record Result(List<double> SequentialLatencies, double ThroughputPerSecond);

    public static async Task<Result> RunAsync(Uri amqp, int sequential, int burst)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await using var consumerChannel = await connection.CreateChannelAsync();
        var queue = "bench-raw";
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.BasicQosAsync(0, 1, false);

        var received = System.Threading.Channels.Channel.CreateUnbounded<long>();
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false);
            received.Writer.TryWrite(Stopwatch.GetTimestamp());
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var body = new byte[600]; // about the size of an event envelope

        var latencies = new List<double>();
        for (var i = 0; i < sequential; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            await publisher.BasicPublishAsync("", queue, false, properties, body);
            var arrived = await received.Reader.ReadAsync();
            latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
        }

        var clock = Stopwatch.StartNew();
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < burst; i++) await publisher.BasicPublishAsync("", queue, false, properties, body);
        });
        for (var i = 0; i < burst; i++) await received.Reader.ReadAsync();
        await publishing;
        return new Result(latencies, burst / clock.Elapsed.TotalSeconds);
    }
}
