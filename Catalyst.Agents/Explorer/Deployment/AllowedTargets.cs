using System.Net;
using System.Net.Sockets;
using Catalyst.Agents.Deployer;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>The addresses a vetted host name may be reached at for the rest of the scan, or why it may not be scanned.</summary>
public sealed record VettedHost(string Host, IReadOnlyList<IPAddress> Addresses, string? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// Which URLs a deployment scan may request: http(s) without credentials, to a host whose every address is
/// loopback or in a configured network. Names must be allowed too (localhost, *.localhost, the previews' domain,
/// configured hosts) so a scan cannot be pointed at an arbitrary name that happens to resolve inward.
/// </summary>
public sealed class AllowedTargets
{
    // RFC 6761: localhost names are loopback whatever a resolver says, as browsers and curl treat them.
    static readonly IPAddress[] LoopbackAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    readonly IReadOnlyList<string> names;
    readonly IReadOnlyList<IPNetwork> networks;

    public AllowedTargets(IEnumerable<string> hosts, IEnumerable<string> networks)
    {
        names = ["localhost", "*.localhost", .. hosts.Select(Normalise).Where(h => h.Length > 0)];
        this.networks = [.. networks.Select(ParseNetwork)];
    }

    public static AllowedTargets From(DeploymentScanOptions options, PreviewOptions previews)
    {
        var domain = Normalise(previews.Routing.Domain);
        return new([.. options.AllowedHosts, .. domain.Length > 0 ? new[] { domain, "*." + domain } : []], options.AllowedNetworks);
    }

    /// <summary>Why the URL itself may not be scanned (scheme, credentials, host form), or null; no resolution.</summary>
    public string? RefuseUrl(string target, out Uri? uri)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out uri)) return "The target is not an absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return $"Only http and https URLs can be scanned, not {uri.Scheme}.";
        if (uri.UserInfo.Length > 0) return "The URL carries credentials; give them as options instead of in the URL.";
        var host = HostOf(uri);
        if (IPAddress.TryParse(host, out var address))
            return IsAllowedAddress(address) ? null : $"{host} is outside the allowed networks (loopback and configured networks).";
        return IsAllowedName(host) ? null : $"{host} is not an allowed host (localhost, the previews' domain and configured hosts).";
    }

    /// <summary>The host's addresses, refused when any of them is outside the allowed networks.</summary>
    public async Task<VettedHost> ResolveAsync(string host, CancellationToken ct)
    {
        host = Normalise(host);
        if (IPAddress.TryParse(host, out var literal))
            return new(host, [literal], IsAllowedAddress(literal) ? null : $"{host} is outside the allowed networks.");
        if (!IsAllowedName(host)) return new(host, [], $"{host} is not an allowed host.");
        if (IsLocalhostName(host)) return new(host, LoopbackAddresses, null);
        IPAddress[] addresses;
        try { addresses = await Dns.GetHostAddressesAsync(host, ct); }
        catch (SocketException e) { return new(host, [], $"{host} could not be resolved ({e.SocketErrorCode})."); }
        return Vet(host, addresses);
    }

    /// <summary>
    /// The same check, synchronous, for <see cref="IExplorerScanner.Refuse"/> whose contract is synchronous: the
    /// resolver's own blocking call rather than blocking on a task.
    /// </summary>
    public VettedHost Resolve(string host)
    {
        host = Normalise(host);
        if (IPAddress.TryParse(host, out var literal))
            return new(host, [literal], IsAllowedAddress(literal) ? null : $"{host} is outside the allowed networks.");
        if (!IsAllowedName(host)) return new(host, [], $"{host} is not an allowed host.");
        if (IsLocalhostName(host)) return new(host, LoopbackAddresses, null);
        try { return Vet(host, Dns.GetHostAddresses(host)); }
        catch (SocketException e) { return new(host, [], $"{host} could not be resolved ({e.SocketErrorCode})."); }
    }

    VettedHost Vet(string host, IPAddress[] addresses)
    {
        if (addresses.Length == 0) return new(host, [], $"{host} has no address.");
        var outside = addresses.FirstOrDefault(a => !IsAllowedAddress(a));
        return outside is null
            ? new(host, addresses, null)
            : new(host, [], $"{host} resolves to {outside}, outside the allowed networks.");
    }

    public bool IsAllowedAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address));
    }

    public bool IsAllowedName(string host)
    {
        host = Normalise(host);
        return names.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.Ordinal) && host.Length > pattern.Length - 1
            : host == pattern);
    }

    public static string HostOf(Uri uri) => Normalise(uri.IdnHost);

    static bool IsLocalhostName(string host) => host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);

    internal static string Normalise(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    static IPNetwork ParseNetwork(string text)
    {
        text = text.Trim();
        if (IPNetwork.TryParse(text, out var network)) return network;
        if (IPAddress.TryParse(text, out var address)) return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        throw new FormatException($"'{text}' in {DeploymentScanOptions.Section}:AllowedNetworks is neither an address nor a CIDR range.");
    }
}
