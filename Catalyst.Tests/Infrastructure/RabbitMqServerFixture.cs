namespace Catalyst.Tests.Infrastructure;

/// <summary>One real RabbitMQ broker for the test run, started on first use (booting it costs seconds).</summary>
public sealed class RabbitMqServerFixture() : SharedServerFixture<RabbitMqServer>("RabbitMQ")
{
    protected override string? Missing() => RabbitMqServer.IsInstalled ? null : $"{RabbitMqServer.ServerScript} was not found.";

    protected override RabbitMqServer Create() => new();

    protected override Task StartAsync(RabbitMqServer candidate) => candidate.StartAsync(CancellationToken.None);
}
