using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Catalyst.AppHost.Infrastructure;

/// <summary>Readiness of the Local servers that have no health-check package of their own here.</summary>
static class LocalHealthChecks
{
    public static async Task<HealthCheckResult> AcceptsTcpAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, ct);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException e)
        {
            return HealthCheckResult.Unhealthy($"127.0.0.1:{port} refuses connections", e);
        }
    }

    /// <summary>An AMQP handshake with the broker's credentials: the port alone opens before the broker is ready.</summary>
    public static async Task<HealthCheckResult> AcceptsAmqpAsync(Uri amqp, CancellationToken ct)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = amqp, RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(ct);
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the AMQP connection closed");
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or SocketException or IOException)
        {
            return HealthCheckResult.Unhealthy("the broker does not accept AMQP connections yet", e);
        }
    }
}
