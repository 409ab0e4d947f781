namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>One security header as the page served it; <see cref="Weight"/> is what its absence costs the security score.</summary>
public sealed record HeaderCheck(string Header, bool Present, string? Value, string Severity, int Weight, string Why);

/// <summary>The response headers browsers rely on to contain an app (OWASP secure headers), checked on the main page.</summary>
public static class SecurityHeaders
{
    public static IReadOnlyList<HeaderCheck> Check(ProbeResponse page, bool https)
    {
        var csp = page.Header("content-security-policy");
        var frameOptions = page.Header("x-frame-options");
        var frameAncestors = csp?.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase) == true;
        var nosniff = page.Header("x-content-type-options");
        return
        [
            new("Content-Security-Policy", csp is not null, csp, "medium", 20,
                "Without a policy any injected script runs; a CSP is the main defence in depth against XSS."),
            // HSTS only means something over https; over plain http its absence is the lesser problem of no TLS.
            new("Strict-Transport-Security", page.Header("strict-transport-security") is not null, page.Header("strict-transport-security"),
                https ? "medium" : "low", https ? 15 : 5,
                https ? "Browsers may still try http first, open to downgrade." : "Served over http: there is no TLS for HSTS to pin."),
            new("X-Content-Type-Options", string.Equals(nosniff?.Trim(), "nosniff", StringComparison.OrdinalIgnoreCase), nosniff, "low", 10,
                "Without nosniff browsers may guess content types and run an upload as script."),
            new("X-Frame-Options / frame-ancestors", frameOptions is not null || frameAncestors,
                frameOptions ?? (frameAncestors ? "CSP frame-ancestors" : null), "medium", 10,
                "Any site can frame the app (clickjacking)."),
            new("Referrer-Policy", page.Header("referrer-policy") is not null, page.Header("referrer-policy"), "low", 5,
                "Full URLs, query strings included, leak to other sites in the Referer header."),
            new("Permissions-Policy", page.Header("permissions-policy") is not null, page.Header("permissions-policy"), "low", 5,
                "Camera, microphone, geolocation and other powerful features are not restricted."),
        ];
    }
}
