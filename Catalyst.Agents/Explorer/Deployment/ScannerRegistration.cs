using Microsoft.Extensions.DependencyInjection;
using Catalyst.Agents.Explorer.Database;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Agents.Explorer.Deployment;

public static class ScannerRegistration
{
    /// <summary>
    /// The deployment and database scanners as <see cref="IExplorerScanner"/>s (the agent picks one by kind), with
    /// their options from Catalyst:Explorer:Deployment and Catalyst:Explorer:Database, validated at start-up.
    /// </summary>
    public static IServiceCollection AddDeploymentAndDatabaseScanners(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DeploymentScanOptions>().BindConfiguration(DeploymentScanOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseScanOptions>().BindConfiguration(DatabaseScanOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExplorerScanner, DeploymentScanner>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExplorerScanner, DatabaseScanner>());
        return services;
    }
}
