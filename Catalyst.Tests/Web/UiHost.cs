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
/// embedded mode with the <see cref="StoryAgent"/>s as its agents (or none), or with some of the product's own agents.
/// </summary>
public sealed class UiHost : WebApplicationFactory<Program>
{
    readonly string connectionString;
    readonly TimeSpan? stepDelay;
    readonly IReadOnlyDictionary<string, string?> settings;
    readonly TestDirectory dataRoot = new("ui");
    readonly int port;

    /// <param name="stepDelay">Null: no story agents (and no real ones unless <paramref name="settings"/> enable some).</param>
    /// <param name="settings">With <c>Catalyst:Agents:Enabled</c>, the product's own agents of that list run instead.</param>
    /// <param name="port">0: any free port; a port a previous host had, to stand in for an Api that restarted.</param>
    public UiHost(string connectionString, TimeSpan? stepDelay, IReadOnlyDictionary<string, string?>? settings = null, int port = 0)
    {
        this.connectionString = connectionString;
        this.stepDelay = stepDelay;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.port = port;
        UseKestrel(port);
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First(a => a.StartsWith("http://", StringComparison.Ordinal)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:catalystdb", connectionString);
        builder.UseSetting("Catalyst:DataRoot", dataRoot.Path);
        builder.UseSetting("urls", $"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            if (settings.ContainsKey("Catalyst:Agents:Enabled")) return;
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
