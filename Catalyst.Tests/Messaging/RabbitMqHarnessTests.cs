using System.Text;
using Catalyst.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Catalyst.Tests.Messaging;

/// <summary>Proves the harness gives tests a working broker: a confirmed, persistent publish is consumed.</summary>
public sealed class RabbitMqHarnessTests(RabbitMqServerFixture rabbit)
{
    [Fact]
    public async Task The_test_broker_accepts_confirmed_publishes_and_delivers_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await rabbit.GetAsync();
        var factory = new ConnectionFactory { Uri = server.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var queue = (await channel.QueueDeclareAsync($"harness-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true, cancellationToken: ct)).QueueName;

        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true },
            Encoding.UTF8.GetBytes("hello"), ct);

        var message = await channel.BasicGetAsync(queue, autoAck: true, ct);
        Assert.NotNull(message);
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
    }
}
