using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>
/// The process's one RabbitMQ connection: the <see cref="IConnection"/> that Aspire's client integration
/// registers, with automatic connection and topology recovery. The first caller waits until the broker answers
/// (it may start after us) and the topology is declared.
/// </summary>
public sealed class RabbitMqConnection(IServiceProvider services, IOptions<MessagingOptions> options, ILogger<RabbitMqConnection> logger)
{
    readonly SemaphoreSlim gate = new(1, 1);
    IConnection? connection;

    public bool IsOpen => connection?.IsOpen == true;

    public async Task<IConnection> GetAsync(CancellationToken ct)
    {
        if (connection is not null) return connection;
        await gate.WaitAsync(ct);
        try
        {
            return connection ??= await ConnectAsync(ct);
        }
        finally { gate.Release(); }
    }

    async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        var opened = await RetryAsync("connect", () =>
            // The integration opens the connection synchronously inside its factory (with its own short retry
            // policy): keep that off the caller's thread. A failed factory is not cached, so a retry opens anew.
            Task.Run(() => services.GetRequiredService<IConnection>(), ct), ct);

        opened.ConnectionShutdownAsync += (_, e) =>
        {
            if (e.Initiator != ShutdownInitiator.Application)
                logger.LogWarning("RabbitMQ connection lost ({Reason}); recovering", e.ReplyText);
            return Task.CompletedTask;
        };
        opened.RecoverySucceededAsync += (_, _) =>
        {
            logger.LogInformation("RabbitMQ connection recovered");
            return Task.CompletedTask;
        };

        await RetryAsync("declare the topology", async () =>
        {
            await using var channel = await opened.CreateChannelAsync(cancellationToken: ct);
            await RabbitMqTopology.DeclareAsync(channel, options.Value, ct);
            return true;
        }, ct);
        logger.LogInformation("Connected to RabbitMQ at {Endpoint}; topology declared", opened.Endpoint);
        return opened;
    }

    async Task<T> RetryAsync<T>(string what, Func<Task<T>> action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                // The broker may still be booting (refused, closed mid-handshake): wait and try again.
                var delay = TimeSpan.FromSeconds(Math.Min(10, attempt));
                logger.LogWarning("RabbitMQ is not ready to {What} ({Error}); retrying in {Delay}", what, ex.GetBaseException().Message, delay);
                await Task.Delay(delay, ct);
            }
        }
    }
}
