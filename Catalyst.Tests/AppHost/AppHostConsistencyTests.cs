using Catalyst.Core.Messaging;
using Catalyst.Core.Persistence;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Tests.AppHost;

/// <summary>The AppHost declares exactly what the services read, and wires each service the way it needs.</summary>
public sealed class AppHostConsistencyTests
{
    static readonly string RepositoryRoot = FindRepositoryRoot();
    static readonly AppHostModel AppHost = AppHostModel.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "Catalyst.AppHost", "AppHost.cs")));

    /// <summary>The connection names the services' code reads, by the constants they read them through.</summary>
    static readonly Dictionary<string, string> KnownConnectionConstants = new()
    {
        ["CatalystDatabase.ConnectionName"] = CatalystDatabase.ConnectionName,
        ["MessagingOptions.RabbitMqConnectionName"] = MessagingOptions.RabbitMqConnectionName,
    };

    static readonly string[] Services = ["catalyst-api", "catalyst-agents"];

    [Fact]
    public void Every_connection_the_services_read_is_declared_and_referenced_by_each_service()
    {
        var read = ConnectionNamesReadByServices();
        Assert.NotEmpty(read);
        foreach (var name in read)
        {
            Assert.True(AppHost.Resources.ContainsKey(name), $"The services read ConnectionStrings:{name}, but the AppHost declares no '{name}' resource.");
            foreach (var service in Services)
            {
                Assert.Contains(name, AppHost.Resources[service].ArgumentsOf("WithReference"));
                Assert.Contains(name, AppHost.Resources[service].ArgumentsOf("WaitFor"));
            }
        }
    }

    [Fact]
    public void Every_resource_the_AppHost_references_is_read_by_a_service()
    {
        var read = ConnectionNamesReadByServices();
        var referenced = Services.SelectMany(s => AppHost.Resources[s].ArgumentsOf("WithReference")).Distinct();
        Assert.All(referenced, name => Assert.True(read.Contains(name), $"The AppHost passes '{name}' to a service, but no service reads ConnectionStrings:{name}."));
    }

    [Fact]
    public void The_services_are_the_projects_of_this_repository_in_distributed_mode()
    {
        var api = AppHost.Resources["catalyst-api"];
        var agents = AppHost.Resources["catalyst-agents"];
        Assert.Equal("Projects.Catalyst_Api", api.ProjectType);
        Assert.Equal("Projects.Catalyst_Agents", agents.ProjectType);
        foreach (var service in new[] { api, agents })
        {
            Assert.True(File.Exists(Path.Combine(RepositoryRoot, service.ProjectType!["Projects.".Length..].Replace('_', '.'), service.ProjectType["Projects.".Length..].Replace('_', '.') + ".csproj")));
            Assert.Equal(["Catalyst__Mode", "Distributed"], service.ArgumentsOf("WithEnvironment"));
        }
        Assert.True(api.Has("WithExternalHttpEndpoints"));
        Assert.Equal([Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath], api.ArgumentsOf("WithHttpHealthCheck"));
        Assert.Equal(["2"], agents.ArgumentsOf("WithReplicas"));
    }

    [Fact]
    public void The_database_lives_on_a_postgres_server_with_a_data_volume_and_rabbitmq_has_its_management_plugin()
    {
        var database = AppHost.Resources[CatalystDatabase.ConnectionName];
        Assert.Equal("AddDatabase", database.AddedWith);
        var server = AppHost.Resources[database.Parent!];
        Assert.Equal("AddPostgres", server.AddedWith);
        Assert.True(server.Has("WithDataVolume"));
        var messaging = AppHost.Resources[MessagingOptions.RabbitMqConnectionName];
        Assert.Equal("AddRabbitMQ", messaging.AddedWith);
        Assert.True(messaging.Has("WithManagementPlugin"));
    }

    [Fact]
    public void The_parser_sees_a_missing_reference()
    {
        var broken = AppHostModel.Parse("""
            var builder = DistributedApplication.CreateBuilder(args);
            var db = builder.AddPostgres("postgres").AddDatabase("catalystdb");
            builder.AddProject<Projects.Catalyst_Api>("catalyst-api").WithReference(db);
            """);
        Assert.Equal(["catalystdb"], broken.Resources["catalyst-api"].ArgumentsOf("WithReference"));
        Assert.Empty(broken.Resources["catalyst-api"].ArgumentsOf("WaitFor"));
        Assert.False(broken.Resources.ContainsKey("messaging"));
    }

    /// <summary>
    /// Every GetConnectionString call in the services' source, resolved to its name. A call through anything
    /// but a known constant fails the test, so a new connection cannot slip past it.
    /// </summary>
    static HashSet<string> ConnectionNamesReadByServices()
    {
        var names = new HashSet<string>();
        var sources = new[] { "Catalyst.Core", "Catalyst.Api", "Catalyst.Agents", "Catalyst.ServiceDefaults" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
        foreach (var file in sources)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "GetConnectionString" }) continue;
                var argument = call.ArgumentList.Arguments.Single().Expression;
                var name = argument switch
                {
                    LiteralExpressionSyntax literal => literal.Token.ValueText,
                    _ when KnownConnectionConstants.TryGetValue(argument.ToString(), out var value) => value,
                    _ => throw new Xunit.Sdk.XunitException($"{Path.GetFileName(file)} reads a connection string through '{argument}', which this test cannot resolve; add it to KnownConnectionConstants."),
                };
                names.Add(name);
            }
        }
        return names;
    }

    static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
