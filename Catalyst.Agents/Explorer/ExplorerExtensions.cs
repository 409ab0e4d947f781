using Catalyst.Agents.Explorer.Deployment;
using Catalyst.Agents.Explorer.Repository;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Agents.Explorer;

public static class ExplorerExtensions
{
    /// <summary>
    /// The Explorer's options and scanners, for the agent (which picks a scanner by kind) and for the Api (which
    /// asks the scanner to vet a target before queuing a scan). Each kind of scan is one IExplorerScanner here.
    /// </summary>
    public static IServiceCollection AddExplorerScanners(this IServiceCollection services)
    {
        services.AddOptions<ExplorerOptions>().BindConfiguration(ExplorerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RepositorySource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExplorerScanner, RepositoryScanner>());
        services.AddDeploymentAndDatabaseScanners();
        return services;
    }
}
