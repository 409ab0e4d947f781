using System.Text.Json;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>
/// Competing consumers for the registered agents: one channel per agent queue, prefetch 1, manual ack after
/// the handler's transaction committed. Failures go to the delay-matched retry queue with the attempt
/// counted in a header; the last failure goes to the dead-letter exchange. On shutdown it stops taking new
/// messages and gives the one in flight a grace period, after which it is cancelled and handed back.
/// </summary>
public sealed class RabbitMqConsumerService(
    RabbitMqConnection connection,
    RabbitMqEventBus bus,
    IEnumerable<IAgent> agents,
    AgentRunner runner,
    ILogger<RabbitMqConsumerService> logger) : BackgroundService
{
    static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    readonly CancellationTokenSource handlers = new();
    readonly List<(IChannel Channel, string Tag)> consumers = [];
    int inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registered = agents.ToList();
        foreach (var agent in registered) EventTopology.EnsureValid(agent);
        if (registered.Count == 0) logger.LogWarning("No agents are registered in this worker; it consumes nothing");

        foreach (var agent in registered) await StartConsumerAsync(agent, stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
    }

    async Task StartConsumerAsync(IAgent agent, CancellationToken ct)
    {
        var open = await connection.GetAsync(ct);
        var channel = await open.CreateChannelAsync(cancellationToken: ct);
        await channel.BasicQosAsync(0, 1, false, ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(agent, channel, delivery);
        channel.ChannelShutdownAsync += (_, e) => OnChannelShutdownAsync(agent, channel, e, ct);
        var tag = await channel.BasicConsumeAsync(EventTopology.QueueFor(agent.Name), autoAck: false, consumer, ct);
        lock (consumers) consumers.Add((channel, tag));
        logger.LogInformation("{Agent} consumes {Queue}", agent.Name, EventTopology.QueueFor(agent.Name));
    }

    /// <summary>
    /// Connection recovery brings channels back after a connection loss, but not a channel the broker closed
    /// on its own (a consumer timeout, say): that one is replaced here, or the agent would silently stop.
    /// </summary>
    async Task OnChannelShutdownAsync(IAgent agent, IChannel channel, ShutdownEventArgs e, CancellationToken ct)
    {
        if (e.Initiator == ShutdownInitiator.Application || ct.IsCancellationRequested) return;
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        if (ct.IsCancellationRequested || channel.IsOpen || !connection.IsOpen) return; // recovered, or recovery's job
        logger.LogWarning("The broker closed {Agent}'s channel ({Reason}); opening a new one", agent.Name, e.ReplyText);
        lock (consumers) consumers.RemoveAll(c => c.Channel == channel);
        try { await StartConsumerAsync(agent, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Could not restart {Agent}'s consumer", agent.Name); }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        List<(IChannel Channel, string Tag)> current;
        lock (consumers) current = [.. consumers];
        foreach (var (channel, tag) in current)
        {
            try { await channel.BasicCancelAsync(tag, noWait: false, cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogDebug(ex, "Cancelling consumer {Tag} failed", tag); }
        }
        handlers.CancelAfter(ShutdownGrace);
        while (Volatile.Read(ref inFlight) > 0 && !cancellationToken.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None);
        await base.StopAsync(cancellationToken);
        foreach (var (channel, _) in current) await channel.DisposeAsync();
    }

    async Task OnReceivedAsync(IAgent agent, IChannel channel, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref inFlight);
        var body = delivery.Body.ToArray(); // the broker's buffer is only valid during this callback
        var headers = RabbitMqEventBus.ReadHeaders(delivery.BasicProperties);
        var attempt = headers.TryGetValue(RabbitMqTopology.AttemptHeader, out var a) && int.TryParse(a, out var n) ? n : 1;
        try
        {
            AgentEvent agentEvent;
            try { agentEvent = EventSerializer.Deserialize(body); }
            catch (JsonException ex)
            {
                logger.LogError("{Queue} received a message that is not a valid event ({Error}); dead-lettering it", EventTopology.QueueFor(agent.Name), ex.Message);
                await bus.PublishDeadLetterAsync(agent.Name, body, WithFailure(headers, agent, attempt, ex.Message), CancellationToken.None);
                await channel.BasicAckAsync(delivery.DeliveryTag, false);
                return;
            }

            var result = await runner.RunAsync(agent, new Delivery(agentEvent, headers, attempt), handlers.Token);
            switch (result.Outcome)
            {
                case DeliveryOutcome.Retry:
                    var next = new Dictionary<string, string>(headers) { [RabbitMqTopology.AttemptHeader] = (attempt + 1).ToString() };
                    await bus.PublishRetryAsync(agent.Name, attempt, body, next, CancellationToken.None);
                    break;
                case DeliveryOutcome.Postponed:
                    // Through the first retry queue's delay, with the attempt count unchanged.
                    await bus.PublishRetryAsync(agent.Name, 1, body, headers, CancellationToken.None);
                    break;
                case DeliveryOutcome.DeadLettered:
                    await bus.PublishDeadLetterAsync(agent.Name, body, WithFailure(headers, agent, attempt, result.Error), CancellationToken.None);
                    break;
                case DeliveryOutcome.Abandoned:
                    await channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true);
                    return;
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        }
        catch (Exception ex)
        {
            // Not acked: the broker redelivers (now, or after the connection recovers); the inbox absorbs repeats.
            logger.LogWarning(ex, "{Agent} could not settle a delivery; the broker will redeliver it", agent.Name);
            if (channel.IsOpen)
            {
                try { await channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true); }
                catch (Exception nackError) { logger.LogDebug(nackError, "Nack failed"); }
            }
        }
        finally { Interlocked.Decrement(ref inFlight); }
    }

    static Dictionary<string, string> WithFailure(Dictionary<string, string> headers, IAgent agent, int attempts, string? error) =>
        new(headers)
        {
            [RabbitMqTopology.ConsumerHeader] = agent.Name,
            [RabbitMqTopology.AttemptHeader] = attempts.ToString(),
            [RabbitMqTopology.ErrorHeader] = error ?? "unknown error",
        };

    public override void Dispose()
    {
        handlers.Dispose();
        base.Dispose();
    }
}
