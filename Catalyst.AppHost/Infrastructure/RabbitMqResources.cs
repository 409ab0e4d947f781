namespace Catalyst.AppHost.Infrastructure;

public static class RabbitMqResources
{
    /// <summary>
    /// A RabbitMQ broker with the management plugin: Aspire's container with a data volume, or (Local) the
    /// installed broker run by scripts/rabbitmq.sh, beside its own epmd (scripts/epmd.sh), which it would
    /// otherwise leave running after it stops.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQ(this CatalystInfrastructure infrastructure, string name)
    {
        var builder = infrastructure.Builder;
        if (infrastructure.Mode == InfrastructureMode.Containers)
            return builder.AddRabbitMQ(name).WithDataVolume().WithManagementPlugin().WithShortImageName();

        var home = infrastructure.ServerDirectory("rabbitmq");
        var secret = CatalystInfrastructure.Secret(home, "catalyst.password");
        var password = builder.AddParameter($"{name}-password", secret, secret: true);
        var (amqpPort, managementPort, distributionPort, epmdPort) =
            (infrastructure.Port("RabbitMQ", 24672), infrastructure.Port("RabbitMQManagement", 24673),
             infrastructure.Port("RabbitMQDistribution", 24674), infrastructure.Port("Epmd", 24369));

        var epmd = builder.AddExecutable("epmd", "bash", home, infrastructure.ScriptPath("epmd.sh"))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString())
            .WithEndpoint(port: epmdPort, targetPort: epmdPort, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck("epmd-listening");
        builder.Services.AddHealthChecks().AddAsyncCheck("epmd-listening", ct => LocalHealthChecks.AcceptsTcpAsync(epmdPort, ct));

        var broker = builder.AddExecutable("rabbitmq", "bash", home, infrastructure.ScriptPath("rabbitmq.sh"))
            .WithEnvironment("RABBITMQ_HOME", home)
            .WithEnvironment("RABBITMQ_NODE_PORT", amqpPort.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString())
            .WithEnvironment("RABBITMQ_MANAGEMENT_PORT", managementPort.ToString())
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString())
            .WithEnvironment("RABBITMQ_PASSWORD_FILE", Path.Combine(home, "catalyst.password"))
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, scheme: "amqp", name: "tcp", isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: "management", isProxied: false)
            .WithHealthCheck("rabbitmq-ready")
            .WaitFor(epmd);
        var amqpUri = new Uri($"amqp://catalyst:{secret}@127.0.0.1:{amqpPort}/");
        builder.Services.AddHealthChecks().AddAsyncCheck("rabbitmq-ready", ct => LocalHealthChecks.AcceptsAmqpAsync(amqpUri, ct));

        var endpoint = broker.GetEndpoint("tcp");
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"amqp://catalyst:{password}@127.0.0.1:{endpoint.Property(EndpointProperty.Port)}/"))
            .WaitFor(broker);
    }
}
