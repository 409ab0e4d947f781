extern alias apphost;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// What an AppHost model gives the services: which connection strings each one receives and which resources it
/// waits for. <see cref="Problems"/> lists every way the model fails what the services read.
/// </summary>
public static class AppHostWiring
{
    public static readonly string[] Services = ["catalyst-api", "catalyst-agents"];

    /// <summary>The AppHost's entry point (its top-level Program), found through one of its types.</summary>
    public static Type EntryPoint =>
        typeof(apphost::Catalyst.AppHost.Infrastructure.CatalystInfrastructure).Assembly.EntryPoint!.DeclaringType!;

    /// <summary>The AppHost's model, built without running it (Aspire.Hosting.Testing stops the AppHost at Build).</summary>
    public static Task<IDistributedApplicationTestingBuilder> BuildModelAsync(string[] args, CancellationToken ct) =>
        DistributedApplicationTestingBuilder.CreateAsync(EntryPoint, args, ct);

    // The per-resource evaluation below is obsolete in Aspire 13.6 in favour of ExecutionConfigurationBuilder,
    // but gives the same values with far less set-up for a model that never runs.
#pragma warning disable CS0618
    public static ValueTask<Dictionary<string, string>> EnvironmentOfAsync(IResourceWithEnvironment resource) =>
        resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);

    public static ValueTask<string[]> ArgumentsOfAsync(IResourceWithArgs resource) =>
        resource.GetArgumentValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

    /// <summary>Connection names a service receives (ConnectionStrings__{name}), from the model's own environment callbacks.</summary>
    public static async Task<HashSet<string>> ConnectionsGivenToAsync(IResourceWithEnvironment service)
    {
        var environment = await EnvironmentOfAsync(service);
        return environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .Select(k => k["ConnectionStrings__".Length..]).ToHashSet();
    }

    public static IEnumerable<string> WaitsOf(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);

    /// <summary>Every connection the services read that a service is not given, not waited for, or that no resource provides.</summary>
    public static async Task<List<string>> ProblemsAsync(IResourceCollection model, IEnumerable<string> readByServices)
    {
        var problems = new List<string>();
        var providers = model.OfType<IResourceWithConnectionString>().Select(r => r.Name).ToHashSet();
        foreach (var serviceName in Services)
        {
            if (model.SingleOrDefault(r => r.Name == serviceName) is not IResourceWithEnvironment service)
            {
                problems.Add($"The AppHost declares no '{serviceName}' project.");
                continue;
            }
            var given = await ConnectionsGivenToAsync(service);
            var waits = WaitsOf(service).ToHashSet();
            foreach (var name in readByServices)
            {
                if (!providers.Contains(name)) problems.Add($"The services read ConnectionStrings:{name}, but no AppHost resource provides '{name}'.");
                if (!given.Contains(name)) problems.Add($"{serviceName} reads ConnectionStrings:{name}, but the AppHost does not give it '{name}'.");
                if (!waits.Contains(name)) problems.Add($"{serviceName} does not wait for '{name}'.");
            }
        }
        return problems;
    }
}
