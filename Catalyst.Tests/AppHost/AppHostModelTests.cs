extern alias apphost;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Catalyst.Tests.Infrastructure;
using InfrastructureModeDetector = apphost::Catalyst.AppHost.Infrastructure.InfrastructureModeDetector;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// The AppHost's real application model, built without running it (Aspire.Hosting.Testing stops the AppHost at
/// Build), in both infrastructure modes: the resources, what each service is given and waits for, health checks.
/// </summary>
public sealed class AppHostModelTests : IDisposable
{
    readonly TestDirectory data = new("apphost-model");

    static readonly string[] Connections = ["catalystdb", "messaging", "cache"];

    /// <summary>Read by the services and provided only when the AppHost is given one: the language model.</summary>
    const string Model = "llm";

    /// <summary>Declared and given to the services ahead of the client that will read it (none now: the cache is read by AddCatalystCache).</summary>
    static readonly string[] ProvidedAheadOfTheirReader = [];

    async Task<IDistributedApplicationTestingBuilder> ModelAsync(string mode, params string[] extra) =>
        await AppHostWiring.BuildModelAsync(
            [$"--Catalyst:Infrastructure={mode}", $"--Catalyst:AppHost:DataDirectory={data.Path}", .. extra], TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("Local")]
    [InlineData("Containers")]
    public async Task Every_connection_the_services_read_is_provided_given_to_each_service_and_waited_for(string mode)
    {
        await using var model = await ModelAsync(mode);
        var read = ServiceConnectionNames.Read();
        Assert.Contains("catalystdb", read);
        Assert.Contains("messaging", read);
        Assert.Contains("cache", read);
        Assert.Contains(Model, read);
        Assert.Empty(await AppHostWiring.ProblemsAsync(model.Resources, [.. read.Except([Model])]));
    }

    [Fact]
    public async Task A_model_given_to_the_AppHost_is_given_to_both_services_and_none_is_asked_for_otherwise()
    {
        await using var withModel = await ModelAsync("Local", "--ConnectionStrings:llm=Endpoint=http://127.0.0.1:11434/;Model=llama3.1;Provider=ollama");
        Assert.Empty(await AppHostWiring.ProblemsAsync(withModel.Resources, ServiceConnectionNames.Read()));
        foreach (var service in AppHostWiring.Services)
            Assert.Contains(Model, await AppHostWiring.ConnectionsGivenToAsync(Project(withModel, service)));

        await using var without = await ModelAsync("Local");
        Assert.DoesNotContain(without.Resources, r => r.Name == Model);
    }

    [Fact]
    public async Task A_service_reading_a_connection_the_AppHost_does_not_provide_is_reported()
    {
        await using var model = await ModelAsync("Local");
        var problems = await AppHostWiring.ProblemsAsync(model.Resources, [.. ServiceConnectionNames.Read().Except([Model]), "search-index"]);
        Assert.Contains("The services read ConnectionStrings:search-index, but no AppHost resource provides 'search-index'.", problems);
        Assert.Contains("catalyst-agents reads ConnectionStrings:search-index, but the AppHost does not give it 'search-index'.", problems);
    }

    [Theory]
    [InlineData("Local")]
    [InlineData("Containers")]
    public async Task Every_connection_given_to_a_service_is_read_by_one(string mode)
    {
        await using var model = await ModelAsync(mode);
        var read = ServiceConnectionNames.Read();
        foreach (var service in AppHostWiring.Services)
        {
            var given = await AppHostWiring.ConnectionsGivenToAsync(Project(model, service));
            Assert.Equal(Connections.Order(), given.Order());
            Assert.All(given.Except(ProvidedAheadOfTheirReader), name => Assert.Contains(name, read));
        }
        // Once a service reads one of these, it belongs with the others: take it off the list.
        Assert.All(ProvidedAheadOfTheirReader, name => Assert.DoesNotContain(name, read));
    }

    [Theory]
    [InlineData("Local")]
    [InlineData("Containers")]
    public async Task The_Api_and_two_agent_workers_run_distributed_with_health_checks_and_boot_in_order(string mode)
    {
        await using var model = await ModelAsync(mode);
        var api = Project(model, "catalyst-api");
        var agents = Project(model, "catalyst-agents");

        foreach (var service in new[] { api, agents })
        {
            var environment = await AppHostWiring.EnvironmentOfAsync(service);
            Assert.Equal("Distributed", environment["Catalyst__Mode"]);
            Assert.Equal(Path.Combine(data.Path, "catalyst"), environment["Catalyst__DataRoot"]);
            Assert.Contains(service.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
            Assert.Contains("preview-proxy", AppHostWiring.WaitsOf(service));
        }
        Assert.EndsWith("Catalyst.Api.csproj", api.GetProjectMetadata().ProjectPath);
        Assert.EndsWith("Catalyst.Agents.csproj", agents.GetProjectMetadata().ProjectPath);
        Assert.Contains(api.Annotations.OfType<EndpointAnnotation>(), e => e.IsExternal && e.UriScheme == "http");
        Assert.Equal(2, agents.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        Assert.Contains("catalyst-api", AppHostWiring.WaitsOf(agents));
    }

    [Fact]
    public async Task Local_mode_runs_the_installed_servers_as_healthy_executables_on_fixed_loopback_ports()
    {
        await using var model = await ModelAsync("Local");
        var executables = Servers(model).ToDictionary(e => e.Name);
        Assert.Equal(["epmd", "postgres", "preview-proxy", "rabbitmq", "redis"], executables.Keys.Order());
        foreach (var server in executables.Values)
        {
            Assert.Contains(server.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
            Assert.All(server.Annotations.OfType<EndpointAnnotation>(), e => Assert.False(e.IsProxied, $"{server.Name}:{e.Name} is proxied"));
            Assert.All(server.Annotations.OfType<EndpointAnnotation>(), e => Assert.Equal(e.Port, e.TargetPort));
            Assert.StartsWith(data.Path, server.WorkingDirectory);
            var script = (await AppHostWiring.ArgumentsOfAsync(server)).Single();
            Assert.True(File.Exists(script), script);
        }
        // epmd is a resource of its own, started first and stopped with the AppHost.
        Assert.Contains("epmd", AppHostWiring.WaitsOf(executables["rabbitmq"]));
        foreach (var (connection, server) in new[] { ("catalystdb", "postgres"), ("messaging", "rabbitmq"), ("cache", "redis") })
        {
            var resource = model.Resources.OfType<ConnectionStringResource>().Single(r => r.Name == connection);
            Assert.Contains(server, AppHostWiring.WaitsOf(resource));
        }
    }

    [Fact]
    public async Task Containers_mode_uses_Aspire_container_resources_with_volumes_and_the_images_the_detector_looks_for()
    {
        await using var model = await ModelAsync("Containers");
        var database = model.Resources.OfType<PostgresDatabaseResource>().Single(r => r.Name == "catalystdb");
        Assert.Contains(database.Parent.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
        var broker = model.Resources.OfType<RabbitMQServerResource>().Single(r => r.Name == "messaging");
        Assert.Contains("management", broker.Annotations.OfType<ContainerImageAnnotation>().Single().Tag);
        Assert.Contains(broker.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
        Assert.Single(model.Resources.OfType<RedisResource>(), r => r.Name == "cache");
        Assert.Empty(Servers(model));

        var images = model.Resources.SelectMany(r => r.Annotations.OfType<ContainerImageAnnotation>())
            .Select(i => i.Image[(i.Image.LastIndexOf('/') + 1)..]).Distinct().Order();
        Assert.Equal(InfrastructureModeDetector.Images.Order(), images);
    }

    /// <summary>The executables the AppHost declares (not the ones Aspire adds to rebuild projects).</summary>
    static IEnumerable<ExecutableResource> Servers(IDistributedApplicationTestingBuilder model) =>
        model.Resources.OfType<ExecutableResource>().Where(e => e.GetType().Name != "ProjectRebuilderResource");

    static ProjectResource Project(IDistributedApplicationTestingBuilder model, string name) =>
        model.Resources.OfType<ProjectResource>().Single(r => r.Name == name);

    public void Dispose() => data.Dispose();
}
