using Catalyst.Core.Agents;
using Catalyst.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Messaging.InMemory;

/// <summary>
/// Runs the registered agents on the in-memory bus with bounded concurrency per agent, retrying failures after
/// a growing delay (the runner decides when to give up and dead-letter).
/// </summary>
public sealed class InMemoryConsumerService(
    InMemoryEventBus bus,
    IEnumerable<IAgent> agents,
    AgentRunner runner,
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<InMemoryConsumerService> logger) : BackgroundService
{
    static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registered = agents.ToList();
        if (registered.Count == 0) return;

        // Handlers in flight get a grace period to finish when the host stops, then are cancelled (and recovered later).
        using var handlers = new CancellationTokenSource();
        await using var _ = stoppingToken.Register(() => handlers.CancelAfter(ShutdownGrace));

        await RecoverAsync(registered, stoppingToken);
        var workers = registered
            .SelectMany(agent => Enumerable.Range(0, options.Value.ConcurrencyPerAgent).Select(_ => ConsumeAsync(agent, stoppingToken, handlers.Token)))
            .ToList();
        await Task.WhenAll(workers);
    }

    async Task ConsumeAsync(IAgent agent, CancellationToken stoppingToken, CancellationToken handlerToken)
    {
        try
        {
            await foreach (var delivery in bus.ReaderFor(agent.Name).ReadAllAsync(stoppingToken))
            {
                try
                {
                    var result = await runner.RunAsync(agent, delivery, handlerToken);
                    if (result.Outcome == DeliveryOutcome.Retry) _ = RetryLaterAsync(agent, delivery with { Attempt = delivery.Attempt + 1 }, result.RetryAfter, stoppingToken);
                    else if (result.Outcome == DeliveryOutcome.Postponed) _ = RetryLaterAsync(agent, delivery, result.RetryAfter, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The runner handles agent failures; this is the runner's own failure. The worker must live on.
                    logger.LogError(ex, "{Agent} could not process {EventId}; retrying it", agent.Name, delivery.Event.EventId);
                    _ = RetryLaterAsync(agent, delivery, options.Value.RetryDelay(delivery.Attempt), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task RetryLaterAsync(IAgent agent, Delivery delivery, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
            await bus.EnqueueAsync(agent.Name, delivery, ct);
        }
        catch (OperationCanceledException) { } // recovered from the outbox on the next start
    }

    async Task RecoverAsync(IReadOnlyList<IAgent> registered, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var pending = await InMemoryRecovery.FindUnhandledAsync(db, registered, ct);
        foreach (var (agent, delivery) in pending) await bus.EnqueueAsync(agent.Name, delivery, ct);
        if (pending.Count > 0) logger.LogInformation("Recovered {Count} event(s) that were not handled before the last stop", pending.Count);
    }
}
