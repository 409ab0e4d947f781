using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Catalyst.Api.Security;

/// <summary>
/// Refuses to keep running when the server listens beyond loopback and no API key is configured: an open
/// Catalyst would let anyone on the network run generated code on this machine.
/// </summary>
public sealed class LoopbackBindingGuard(
    IServer server, IHostApplicationLifetime lifetime, IOptions<ApiKeyOptions> options, ILogger<LoopbackBindingGuard> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void Check()
    {
        if (options.Value.IsConfigured) return;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopbackAddress(a)).ToList();
        if (exposed.Count == 0) return;

        logger.LogCritical(
            "Refusing to serve on {Addresses} without an API key. Set Catalyst:ApiKey (environment: Catalyst__ApiKey) " +
            "or bind to localhost only.", string.Join(", ", exposed));
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    internal static bool IsLoopbackAddress(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri))
            return false;
        if (uri.IsLoopback) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
