using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>
/// The deployment scan's only way onto the network. Every connection goes to an address vetted and pinned for
/// its host before the first request, so a name that re-resolves elsewhere mid-scan (DNS rebinding) is never
/// followed; system proxies are bypassed for the same reason. Every request and handshake is counted against
/// <see cref="DeploymentScanOptions.MaxRequests"/>; redirects are followed by hand, only to allowed targets.
/// </summary>
/// <remarks>
/// A handler per scan rather than IHttpClientFactory: the pins belong to one scan, and a pooled handler would
/// carry connections (and what was vetted for them) from one scan into the next.
/// </remarks>
public sealed class ScanHttpClient : IDisposable
{
    readonly ConcurrentDictionary<string, IReadOnlyList<IPAddress>> pins = new(StringComparer.Ordinal);
    readonly AllowedTargets targets;
    readonly DeploymentScanOptions options;
    readonly TimeProvider time;
    readonly HttpClient client;
    int requests;

    public ScanHttpClient(AllowedTargets targets, DeploymentScanOptions options, TimeProvider time)
    {
        this.targets = targets;
        this.options = options;
        this.time = time;
        client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.RequestTimeout,
            ConnectCallback = (context, ct) => ConnectPinnedAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct),
            // The scan observes a certificate, it does not trust it: nothing secret is sent, and the TLS probe
            // reports validation errors as findings rather than failing the whole scan on them.
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Catalyst-Explorer", "1.0"));
    }

    public int RequestsMade => Math.Min(Volatile.Read(ref requests), options.MaxRequests);

    public int RequestsLeft => Math.Max(0, options.MaxRequests - Volatile.Read(ref requests));

    /// <summary>Makes the host's vetted addresses the only ones this scan connects to for it.</summary>
    public void Pin(VettedHost host)
    {
        if (!host.Allowed) throw new InvalidOperationException(host.Refusal);
        pins.TryAdd(host.Host, host.Addresses);
    }

    /// <summary>A bounded GET; null when the request budget is spent.</summary>
    public async Task<ProbeResponse?> GetAsync(Uri url, CancellationToken ct)
    {
        var redirects = new List<Uri>();
        var started = time.GetTimestamp();
        while (true)
        {
            if (!TryTakeRequest()) return redirects.Count == 0 ? null : ProbeResponse.Failed(url, time.GetElapsedTime(started), "The request budget ran out while following redirects.");
            var response = await SendAsync(url, started, ct);
            if (response.Status is not (301 or 302 or 303 or 307 or 308) || response.Header("location") is not { } location) return response with { Redirects = redirects };
            if (redirects.Count >= options.MaxRedirects) return response with { Redirects = redirects, Error = $"More than {options.MaxRedirects} redirects." };
            var next = new Uri(url, location);
            if (await VetRedirectAsync(next, ct) is { } refusal) return response with { Redirects = redirects, RedirectRefused = $"{next}: {refusal}" };
            redirects.Add(next);
            url = next;
        }
    }

    /// <summary>A TLS handshake of its own to the pinned address, to read the protocol and certificate; null when the budget is spent.</summary>
    public async Task<TlsObservation?> HandshakeAsync(Uri url, CancellationToken ct)
    {
        if (!TryTakeRequest()) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        var host = AllowedTargets.HostOf(url);
        await using var stream = await ConnectPinnedAsync(host, url.Port, timeout.Token);
        X509Certificate2? certificate = null;
        var errors = SslPolicyErrors.None;
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = IPAddress.TryParse(host, out _) ? null : host,
            RemoteCertificateValidationCallback = (_, cert, _, policyErrors) =>
            {
                certificate = cert is null ? null : new X509Certificate2(cert);
                errors = policyErrors;
                return true;
            },
        }, timeout.Token);
        using var seen = certificate;
        return new TlsObservation(
            ssl.SslProtocol.ToString(),
            ssl.NegotiatedCipherSuite.ToString(),
            seen?.Subject ?? "",
            seen?.Issuer ?? "",
            seen?.NotBefore.ToUniversalTime() ?? default,
            seen?.NotAfter.ToUniversalTime() ?? default,
            seen is null ? [] : [.. seen.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())],
            errors == SslPolicyErrors.None ? "" : errors.ToString());
    }

    async Task<ProbeResponse> SendAsync(Uri url, long started, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)));
            var body = await ReadBoundedAsync(response.Content, timeout.Token);
            return new ProbeResponse(url, (int)response.StatusCode, headers, body, time.GetElapsedTime(started), []);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResponse.Failed(url, time.GetElapsedTime(started), $"No answer within {options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            return ProbeResponse.Failed(url, time.GetElapsedTime(started), e.InnerException?.Message ?? e.Message);
        }
    }

    async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (body.Length < options.MaxBodyBytes
               && await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, options.MaxBodyBytes - body.Length)), ct) is > 0 and var n)
            body.Write(chunk, 0, n);
        return System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    async Task<string?> VetRedirectAsync(Uri next, CancellationToken ct)
    {
        if (targets.RefuseUrl(next.ToString(), out _) is { } refusal) return refusal;
        var host = AllowedTargets.HostOf(next);
        if (pins.ContainsKey(host)) return null;
        var vetted = await targets.ResolveAsync(host, ct);
        if (!vetted.Allowed) return vetted.Refusal;
        Pin(vetted);
        return null;
    }

    async ValueTask<Stream> ConnectPinnedAsync(string host, int port, CancellationToken ct)
    {
        host = AllowedTargets.Normalise(host);
        if (!pins.TryGetValue(host, out var addresses)) throw new HttpRequestException($"{host} was not vetted for this scan.");
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new HttpRequestException($"Could not connect to {host}:{port}.", last);
    }

    bool TryTakeRequest() => Interlocked.Increment(ref requests) <= options.MaxRequests;

    public void Dispose() => client.Dispose();
}
