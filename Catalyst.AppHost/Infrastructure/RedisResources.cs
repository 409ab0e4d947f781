namespace Catalyst.AppHost.Infrastructure;

public static class RedisResources
{
    /// <summary>A Redis cache: Aspire's container with a data volume, or (Local) the installed redis-server run by scripts/redis.sh.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedis(this CatalystInfrastructure infrastructure, string name)
    {
        var builder = infrastructure.Builder;
        if (infrastructure.Mode == InfrastructureMode.Containers)
            return builder.AddRedis(name).WithDataVolume().WithShortImageName();

        var home = infrastructure.ServerDirectory("redis");
        var secret = CatalystInfrastructure.Secret(home, "redis.password");
        var password = builder.AddParameter($"{name}-password", secret, secret: true);
        var port = infrastructure.Port("Redis", 24379);

        var server = builder.AddExecutable("redis", "bash", home, infrastructure.ScriptPath("redis.sh"))
            .WithEnvironment("REDIS_HOME", home)
            .WithEnvironment("REDIS_PORT", port.ToString())
            .WithEnvironment("REDIS_PASSWORD_FILE", Path.Combine(home, "redis.password"))
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck("redis-ready");
        builder.Services.AddHealthChecks().AddRedis($"127.0.0.1:{port},password={secret},connectTimeout=3000", name: "redis-ready");

        var endpoint = server.GetEndpoint("tcp");
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"127.0.0.1:{endpoint.Property(EndpointProperty.Port)},password={password}"))
            .WaitFor(server);
    }
}
