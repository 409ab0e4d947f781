namespace Catalyst.AppHost.Infrastructure;

public static class PostgresResources
{
    /// <summary>
    /// A PostgreSQL server and one database on it: Aspire's container with a data volume, or (Local) the
    /// installed server run by scripts/postgres.sh with a private cluster under the data folder.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgres(
        this CatalystInfrastructure infrastructure, string name, string database)
    {
        var builder = infrastructure.Builder;
        if (infrastructure.Mode == InfrastructureMode.Containers)
            return builder.AddPostgres(name).WithDataVolume().WithShortImageName().AddDatabase(database);

        var home = infrastructure.ServerDirectory(name);
        var passwordFile = Path.Combine(home, "superuser.password");
        var password = builder.AddParameter($"{name}-password", CatalystInfrastructure.Secret(home, "superuser.password"), secret: true);
        var port = infrastructure.Port("Postgres", 24432);

        var server = builder.AddExecutable(name, "bash", home, infrastructure.ScriptPath("postgres.sh"))
            .WithEnvironment("PG_HOME", home)
            .WithEnvironment("PG_PORT", port.ToString())
            .WithEnvironment("PG_PASSWORD_FILE", passwordFile)
            .WithEnvironment("PG_DATABASE", database)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck($"{name}-ready");
        var endpoint = server.GetEndpoint("tcp");

        var connectionString = ReferenceExpression.Create(
            $"Host=127.0.0.1;Port={endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={password};Database={database}");
        builder.Services.AddHealthChecks().AddNpgSql(
            $"Host=127.0.0.1;Port={port};Username=postgres;Password={CatalystInfrastructure.Secret(home, "superuser.password")};Database={database};Timeout=3",
            name: $"{name}-ready");

        return builder.AddConnectionString(database, connectionString).WaitFor(server);
    }
}
