using Catalyst.Core.Configuration;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Core.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Catalyst.Core.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// PostgreSQL for any host: the configured <c>ConnectionStrings:catalystdb</c>, or an embedded cluster.
    /// Registers the start-up order: database server first, then migrations, then everything else.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystPersistence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CatalystOptions>().BindConfiguration(CatalystOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddedPostgresOptions>().BindConfiguration(EmbeddedPostgresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProcessRunner, ProcessRunner>();

        services.AddSingleton<DatabaseAvailability>();
        services.AddSingleton(new CatalystDatabase(builder.Configuration.GetConnectionString(CatalystDatabase.ConnectionName)));
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<CatalystDatabase>().ConnectionString).Build());
        services.AddDbContext<CatalystDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<DatabaseMigrator>();

        if (!OperatingSystem.IsWindows()) services.AddHostedService<EmbeddedPostgresService>();
        else if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CatalystDatabase.ConnectionName)))
            throw new EmbeddedPostgresUnavailableException(
                "Embedded PostgreSQL needs Linux or macOS; on Windows set ConnectionStrings:catalystdb.");
        services.AddHostedService<DatabaseMigrationService>();

        services.AddHealthChecks().AddDbContextCheck<CatalystDbContext>("database");
        return builder;
    }
}
