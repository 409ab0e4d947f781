using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Catalyst.Core.Networking;

/// <summary>
/// Where a host listens is the host's call: <c>--urls</c>, <c>ASPNETCORE_URLS</c> (what the Aspire AppHost sets),
/// <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (what the .NET container images set) or Kestrel endpoints. Catalyst's
/// own port is only a default for when none of them is given, so it never overrides them.
/// </summary>
public static class ListenAddresses
{
    // Configuration keys, case-insensitive; the ASPNETCORE_ and DOTNET_ environment prefixes map onto them.
    static readonly string[] UrlKeys = ["urls", "http_ports", "https_ports"];

    public static IHostApplicationBuilder ListenByDefaultOn(this IHostApplicationBuilder builder, string url)
    {
        if (!IsConfigured(builder.Configuration))
            builder.Configuration.AddInMemoryCollection([new("urls", url)]);
        return builder;
    }

    public static bool IsConfigured(IConfiguration configuration) =>
        UrlKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
