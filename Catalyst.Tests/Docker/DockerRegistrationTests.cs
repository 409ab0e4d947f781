using Catalyst.Agents.Deployer;
using Catalyst.Agents.Docker;
using Catalyst.Agents.Hosting;
using Catalyst.Agents.Tester;
using Catalyst.Core.Processes;
using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Catalyst.Tests.Docker;

public sealed class DockerRegistrationTests
{
    [Fact]
    public void Without_a_docker_endpoint_generated_code_runs_as_processes_and_no_client_is_made()
    {
        using var services = Build(endpoint: null);

        Assert.IsType<ProcessSandbox>(services.GetRequiredService<ISandbox>());
        Assert.Null(services.GetService<IDockerClient>());
        Assert.Null(services.GetService<DockerPreviewRuntime>());
    }

    [Fact]
    public void With_a_docker_endpoint_generated_code_runs_in_containers_on_one_client()
    {
        using var services = Build(endpoint: "unix:///nowhere/docker.sock");

        Assert.IsType<ContainerSandbox>(services.GetRequiredService<ISandbox>());
        Assert.Same(services.GetRequiredService<IDockerClient>(), services.GetRequiredService<IDockerClient>());
        Assert.NotNull(services.GetService<DockerPreviewRuntime>());
    }

    [Fact]
    public void Docker_preview_mode_runs_previews_as_containers_and_needs_an_endpoint()
    {
        using var services = Build(endpoint: "unix:///nowhere/docker.sock", ("Catalyst:Preview:Mode", "Docker"));
        using var without = Build(endpoint: null, ("Catalyst:Preview:Mode", "Docker"));

        Assert.IsType<DockerPreviewRuntime>(services.GetRequiredService<IPreviewRuntime>());
        Assert.Contains("Catalyst:Docker:Endpoint", Assert.Throws<InvalidOperationException>(() => without.GetRequiredService<IPreviewRuntime>()).Message);
    }

    static ServiceProvider Build(string? endpoint, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (endpoint is not null) builder.Configuration[$"{DockerOptions.Section}:Endpoint"] = endpoint;
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.Services.AddSingleton<IProcessRunner, ProcessRunner>();   // Catalyst.Core's, registered by the hosts
        builder.AddCatalystAgents();
        return builder.Services.BuildServiceProvider();
    }
}
