using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>
/// The process's one RabbitMQ connection, with automatic connection and topology recovery. The first caller
/// waits until the broker answers (it may start after us) and the topology is declared.
/// </summary>
public sealed class RabbitMqConnection(
    IConfiguration configuration, IOptions<MessagingOptions> options, IHostEnvironment environment, ILogger<RabbitMqConnection> logger)
    : IAsyncDisposable
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
        var uri = configuration.GetConnectionString(MessagingOptions.RabbitMqConnectionName)
            ?? throw new InvalidOperationException(
                $"Distributed mode needs RabbitMQ: set ConnectionStrings:{MessagingOptions.RabbitMqConnectionName} to an amqp:// URI.");
        var factory = new ConnectionFactory
        {
            Uri = new Uri(uri),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
            ClientProvidedName = $"{environment.ApplicationName}:{Environment.ProcessId}",
        };

        for (var attempt = 1; ; attempt++)
        {
            IConnection? opened = null;
            try
            {
                opened = await factory.CreateConnectionAsync(ct);
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
                await using (var channel = await opened.CreateChannelAsync(cancellationToken: ct))
                    await RabbitMqTopology.DeclareAsync(channel, options.Value, ct);
                logger.LogInformation("Connected to RabbitMQ at {Host}:{Port}; topology declared", factory.HostName, factory.Port);
                return opened;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                // The broker may still be booting (refused, closed mid-handshake): wait and try again.
                if (opened is not null) await opened.DisposeAsync();
                var delay = TimeSpan.FromSeconds(Math.Min(10, attempt));
                logger.LogWarning("RabbitMQ at {Host}:{Port} is not ready ({Error}); retrying in {Delay}", factory.HostName, factory.Port, ex.Message, delay);
                await Task.Delay(delay, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is null) return;
        try { await connection.CloseAsync(); } catch (Exception ex) when (ex is IOException or RabbitMQ.Client.Exceptions.AlreadyClosedException) { }
        connection.Dispose();
    }
}
