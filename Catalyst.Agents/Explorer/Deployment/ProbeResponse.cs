namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>
/// One GET as the scan saw it. Status 0 means no response (refused, timed out, or the budget was spent); headers
/// are keyed by lower-case name with their values joined. <see cref="RedirectRefused"/> names a redirect the scan
/// would not follow because it left the allowed targets.
/// </summary>
public sealed record ProbeResponse(
    Uri Url,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    TimeSpan Elapsed,
    IReadOnlyList<Uri> Redirects,
    string? Error = null,
    string? RedirectRefused = null)
{
    public bool Reached => Status > 0;

    public bool Succeeded => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public static ProbeResponse Failed(Uri url, TimeSpan elapsed, string error) => new(url, 0, new Dictionary<string, string>(), "", elapsed, [], error);
}

/// <summary>What the TLS handshake showed: protocol, cipher suite and the server certificate (validation errors are reported, not fatal).</summary>
public sealed record TlsObservation(
    string Protocol,
    string CipherSuite,
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> DnsNames,
    string ValidationErrors);
