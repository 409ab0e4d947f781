using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Messaging;

/// <summary>
/// Reads the agents' queue depths every <see cref="MessagingOptions.QueueDepthInterval"/> for the
/// <c>catalyst.messaging.queue.depth</c> gauge: asking the broker from inside a metrics callback would block the exporter.
/// </summary>
public sealed class QueueDepthSampler(IServiceProvider services, IOptions<MessagingOptions> options, TimeProvider time, ILogger<QueueDepthSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bus = services.GetRequiredService<IEventBus>();
        using var timer = new PeriodicTimer(options.Value.QueueDepthInterval, time);
        do
        {
            try
            {
                MessagingTelemetry.ObserveQueueDepths(await bus.QueueDepthsAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The broker being away is reported elsewhere; the gauge keeps its last reading.
                logger.LogDebug(ex, "Could not read the queue depths");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
