using Catalyst.Agents.Explorer.Database;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddOptions<DeploymentScanOptions>().BindConfiguration(DeploymentScanOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks.All(IsNetwork), $"{DeploymentScanOptions.Section}:AllowedNetworks takes addresses or CIDR ranges (\"10.0.5.0/24\").")
            .Validate(o => o.TimeBudget > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero, "The deployment scan's time budget and request timeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<DatabaseScanOptions>().BindConfiguration(DatabaseScanOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TimeBudget > TimeSpan.Zero && o.StatementTimeout > TimeSpan.Zero, "The database scan's time budget and statement timeout must be positive.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExplorerScanner, DeploymentScanner>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExplorerScanner, DatabaseScanner>());
        return services;
    }

    static bool IsNetwork(string text) => System.Net.IPNetwork.TryParse(text.Trim(), out _) || System.Net.IPAddress.TryParse(text.Trim(), out _);
}
