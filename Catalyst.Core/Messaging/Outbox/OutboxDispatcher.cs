using System.Diagnostics;
using System.Text;
using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the bus, oldest first, and marks them published. Rows are claimed with
/// FOR UPDATE SKIP LOCKED, so every process can run a dispatcher: whoever is free publishes, and rows left by
/// a crashed process are picked up by the next sweep. A publish that succeeded just before a crash may be
/// repeated; consumers' inboxes make that harmless.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEventBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>A row that failed this often is parked (left unpublished, logged) so it cannot block the rows behind it.</summary>
    public const int MaxAttempts = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == options.Value.OutboxBatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) when (DatabaseOutage.IsOutage(ex))
            {
                // The outage is reported once by whoever watches the server; the rows wait for it.
                logger.LogDebug(ex, "Outbox dispatch waits for the database");
            }
            catch (Exception ex)
            {
                // Typically the database or broker is away; the rows stay pending and the next sweep retries.
                logger.LogWarning(ex, "Outbox dispatch failed; pending events stay in the outbox and are retried");
            }
            await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
        }
    }

    /// <summary>Publishes one batch of pending rows; returns how many were published.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Outbox
            .FromSql($"SELECT * FROM outbox WHERE published_at IS NULL AND attempts < {MaxAttempts} ORDER BY id LIMIT {options.Value.OutboxBatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (rows.Count == 0) return 0;

        var published = 0;
        foreach (var row in rows)
        {
            var stored = TracePropagation.FromHeadersJson(row.Headers);
            using var activity = MessagingTelemetry.Messaging.StartActivity($"publish {row.EventType}", ActivityKind.Producer,
                stored.TryGetValue(TracePropagation.TraceParentHeader, out var parent) ? parent : null);
            activity?.SetTag("messaging.destination.name", row.RoutingKey).SetTag("catalyst.event_id", row.EventId);
            var headers = activity is null ? stored : TracePropagation.ToHeaders(activity);
            try
            {
                var message = new OutgoingEvent(row.EventId, row.EventType, Encoding.UTF8.GetBytes(row.Body), headers);
                if (row.Consumer is null) await bus.PublishAsync(message, ct);
                else await bus.SendToAgentAsync(row.Consumer, message, ct);
                row.PublishedAt = time.GetUtcNow();
                published++;
            }
            catch (EventBusUnavailableException ex) when (!ct.IsCancellationRequested)
            {
                // The broker is away, not the row at fault: it keeps its attempts and waits, however long that takes.
                logger.LogWarning("Publishing {EventType} {EventId} waits for the broker: {Error}", row.EventType, row.EventId, ex.Message);
                await Task.Delay(options.Value.OutboxPollInterval, ct); // no hot loop of failing publishes while it is away
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Stop at the first failure so events stay in order; the rest go out on the next sweep.
                row.Attempts++;
                row.LastError = ex.Message;
                if (row.Attempts >= MaxAttempts)
                    logger.LogCritical("Giving up on publishing {EventType} {EventId} after {Attempts} attempts: {Error}; it stays in the outbox", row.EventType, row.EventId, row.Attempts, ex.Message);
                else
                    logger.LogWarning("Publishing {EventType} {EventId} failed (attempt {Attempts}): {Error}", row.EventType, row.EventId, row.Attempts, ex.Message);
                break;
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        MessagingTelemetry.Published.Add(published);
        return published;
    }
}
