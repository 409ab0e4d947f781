namespace Catalyst.Api.Security;

/// <summary>
/// The scheme a TLS-terminating reverse proxy (Caddy, Traefik) says the browser used. Only ever used to be
/// stricter (a Secure cookie) or to recognise the browser's own origin; a browser page cannot set this header.
/// </summary>
public static class Forwarded
{
    public static string? Scheme(HttpRequest request) =>
        request.Headers["X-Forwarded-Proto"].FirstOrDefault()?.Split(',')[0].Trim().ToLowerInvariant();

    public static bool IsHttps(HttpRequest request) => Scheme(request) == "https";
}
