using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalyst.Core.Messaging.RabbitMq;

public sealed class RabbitMqHealthCheck(RabbitMqConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsOpen
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not connected to RabbitMQ (yet); events wait in the outbox."));
}
