using Catalyst.Agents.Explorer;
using Catalyst.Agents.Explorer.Deployment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Explorer;

/// <summary>What the Explorer agent gets from <see cref="ScannerRegistration.AddDeploymentAndDatabaseScanners"/>: one scanner per kind, configured.</summary>
public sealed class DeploymentAndDatabaseScannerRegistrationTests
{
    [Fact]
    public void Both_scanners_are_registered_by_kind_with_their_configured_options()
    {
        using var provider = Services(new()
        {
            ["Catalyst:Explorer:Deployment:AllowedNetworks:0"] = "10.1.2.0/24",
            ["Catalyst:Explorer:Database:AllowedHosts:0"] = "db.internal",
        }).BuildServiceProvider(validateScopes: true);

        var scanners = provider.GetServices<IExplorerScanner>().ToDictionary(s => s.Kind);

        Assert.Equal([ScanKind.Deployment, ScanKind.Database], scanners.Keys.Order());
        Assert.Null(scanners[ScanKind.Deployment].Refuse("http://10.1.2.3/", new Dictionary<string, string>()));
        Assert.NotNull(scanners[ScanKind.Deployment].Refuse("http://10.1.3.1/", new Dictionary<string, string>()));
        Assert.Null(scanners[ScanKind.Database].Refuse("Host=db.internal;Database=shop", new Dictionary<string, string>()));
    }

    [Fact]
    public void A_network_that_is_not_an_address_or_range_fails_validation()
    {
        using var provider = Services(new() { ["Catalyst:Explorer:Deployment:AllowedNetworks:0"] = "the office" }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeploymentScanOptions>>().Value);

        Assert.Contains("AllowedNetworks", error.Message);
    }

    static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddDeploymentAndDatabaseScanners();
        return services;
    }
}
