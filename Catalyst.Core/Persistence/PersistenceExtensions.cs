using Catalyst.Core.Configuration;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Core.Processes;
using Catalyst.Core.Security.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Catalyst.Core.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// PostgreSQL for any host, through Aspire's client integration: the configured <c>ConnectionStrings:catalystdb</c>,
    /// or an embedded cluster whose address is settled here. Registers the start-up order: database server first,
    /// then migrations, then everything else.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystPersistence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CatalystOptions>().BindConfiguration(CatalystOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddedPostgresOptions>().BindConfiguration(EmbeddedPostgresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProcessRunner, ProcessRunner>();
        services.AddSingleton<DatabaseAvailability>();
        // An outage is told in a line per kind of failure, not a stack trace per failed command.
        services.DecorateLoggerFactory((inner, sp) => new OutageLogCondenser(inner, sp.GetRequiredService<TimeProvider>()));

        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CatalystDatabase.ConnectionName)))
            builder.AddEmbeddedPostgres();

        var connectionString = builder.Configuration.GetConnectionString(CatalystDatabase.ConnectionName)!;
        builder.AddNpgsqlDbContext<CatalystDbContext>(CatalystDatabase.ConnectionName,
            // Retrying strategies refuse the explicit transactions the outbox and the inbox rely on; the
            // supervisors and the message redelivery already ride out an outage.
            settings => settings.DisableRetry = true);
        // Raw SQL (advisory locks, LISTEN/NOTIFY, the migrator) goes through one data source on the same database.
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationService>();
        return builder;
    }

    static void AddEmbeddedPostgres(this IHostApplicationBuilder builder)
    {
        if (OperatingSystem.IsWindows())
            throw new EmbeddedPostgresUnavailableException(
                "Embedded PostgreSQL needs Linux or macOS; on Windows set ConnectionStrings:catalystdb.");

        var catalyst = builder.Configuration.GetSection(CatalystOptions.Section).Get<CatalystOptions>() ?? new CatalystOptions();
        var postgres = builder.Configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>() ?? new EmbeddedPostgresOptions();
        var endpoint = EmbeddedPostgresEndpoint.Reserve(Path.Combine(catalyst.FullDataRoot, "postgres"), postgres.Database);
        builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{CatalystDatabase.ConnectionName}", endpoint.ConnectionString)]);
        builder.Services.AddSingleton(endpoint);
        // Registered before the migrations' service, so the server is up when they run.
        builder.Services.AddHostedService<EmbeddedPostgresService>();
    }
}
