using Catalyst.Core.Agents;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Tests.Web;

/// <summary>
/// The real Api, UI included, on Kestrel at a loopback port a browser can open, against a real PostgreSQL, in
/// embedded mode with the <see cref="StoryAgent"/>s as its agents (or none).
/// </summary>
public sealed class UiHost : WebApplicationFactory<Program>
{
    readonly string connectionString;
    readonly TimeSpan? stepDelay;
    readonly TestDirectory dataRoot = new("ui");

    public UiHost(string connectionString, TimeSpan? stepDelay)
    {
        this.connectionString = connectionString;
        this.stepDelay = stepDelay;
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First(a => a.StartsWith("http://", StringComparison.Ordinal)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:catalystdb", connectionString);
        builder.UseSetting("Catalyst:DataRoot", dataRoot.Path);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IAgent>();
            if (stepDelay is { } delay) StoryAgent.AddStoryAgents(services, delay);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) dataRoot.Dispose();
    }
}
