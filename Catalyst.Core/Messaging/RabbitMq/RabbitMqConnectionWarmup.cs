using Microsoft.Extensions.Hosting;

namespace Catalyst.Core.Messaging.RabbitMq;

/// <summary>Connects (and declares the topology) in the background at start-up, without holding the host up.</summary>
public sealed class RabbitMqConnectionWarmup(RabbitMqConnection connection) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await connection.GetAsync(stoppingToken); }
        catch (OperationCanceledException) { }
    }
}
