using System.Text.RegularExpressions;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>A technology a deployment gives away, with what gave it away.</summary>
public sealed record DetectedTechnology(string Name, string Category, string Evidence, string? Version = null);

/// <summary>
/// Wappalyzer-style detection from what a page sends: the Server and X-Powered-By headers, session cookie names,
/// the generator meta tag and the names of framework scripts and markers in the markup.
/// </summary>
public static class TechnologyDetector
{
    /// <summary>Where to look, what to match (an optional "version" group), and what it means.</summary>
    sealed record Signature(string Where, Regex Pattern, string Name, string Category);

    static readonly Signature[] Signatures =
    [
        new("server", Rx(@"^Kestrel"), "ASP.NET Core (Kestrel)", "web-server"),
        new("server", Rx(@"^nginx(?:/(?<version>[\d.]+))?"), "nginx", "web-server"),
        new("server", Rx(@"^Apache(?:/(?<version>[\d.]+))?"), "Apache HTTP Server", "web-server"),
        new("server", Rx(@"^Caddy"), "Caddy", "web-server"),
        new("server", Rx(@"^Microsoft-IIS(?:/(?<version>[\d.]+))?"), "IIS", "web-server"),
        new("server", Rx(@"^cloudflare"), "Cloudflare", "cdn"),
        new("server", Rx(@"^uvicorn"), "Uvicorn", "web-server"),
        new("server", Rx(@"^gunicorn(?:/(?<version>[\d.]+))?"), "Gunicorn", "web-server"),
        new("server", Rx(@"Werkzeug(?:/(?<version>[\d.]+))?"), "Flask (Werkzeug)", "framework"),
        new("server", Rx(@"^Jetty"), "Jetty", "web-server"),
        new("x-powered-by", Rx(@"^Express"), "Express", "framework"),
        new("x-powered-by", Rx(@"^ASP\.NET"), "ASP.NET", "framework"),
        new("x-powered-by", Rx(@"PHP(?:/(?<version>[\d.]+))?"), "PHP", "language"),
        new("x-powered-by", Rx(@"^Next\.js(?: (?<version>[\d.]+))?"), "Next.js", "framework"),
        new("x-aspnet-version", Rx(@"(?<version>[\d.]+)"), "ASP.NET", "framework"),
        new("set-cookie", Rx(@"\.AspNetCore\."), "ASP.NET Core", "framework"),
        new("set-cookie", Rx(@"connect\.sid"), "Express", "framework"),
        new("set-cookie", Rx(@"PHPSESSID"), "PHP", "language"),
        new("set-cookie", Rx(@"JSESSIONID"), "Java servlet container", "framework"),
        new("set-cookie", Rx(@"laravel_session"), "Laravel", "framework"),
        new("set-cookie", Rx(@"csrftoken"), "Django", "framework"),
        new("markup", Rx(@"<meta[^>]+name=[""']generator[""'][^>]+content=[""'](?<name>[^""']+)"), "", "generator"),
        new("markup", Rx(@"<meta[^>]+content=[""'](?<name>[^""']+)[""'][^>]+name=[""']generator"), "", "generator"),
        new("markup", Rx(@"react(?:-dom)?(?:\.production)?(?:\.min)?\.js|data-reactroot"), "React", "frontend"),
        new("markup", Rx(@"vue(?:\.global)?(?:\.prod)?(?:\.min)?\.js|data-v-[0-9a-f]{6,}"), "Vue.js", "frontend"),
        new("markup", Rx(@"ng-version=""(?<version>[\d.]+)"""), "Angular", "frontend"),
        new("markup", Rx(@"__NEXT_DATA__|/_next/"), "Next.js", "framework"),
        new("markup", Rx(@"__NUXT__|/_nuxt/"), "Nuxt", "framework"),
        new("markup", Rx(@"_framework/blazor"), "Blazor", "frontend"),
        new("markup", Rx(@"jquery(?:[-.](?<version>\d+\.\d+(?:\.\d+)?))?(?:\.min)?\.js"), "jQuery", "frontend"),
        new("markup", Rx(@"htmx(?:\.min)?\.js"), "htmx", "frontend"),
        new("markup", Rx(@"alpine(?:js)?(?:\.min)?\.js|x-data="""), "Alpine.js", "frontend"),
        new("markup", Rx(@"bootstrap(?:\.bundle)?(?:\.min)?\.(?:js|css)"), "Bootstrap", "ui"),
        new("markup", Rx(@"tailwind"), "Tailwind CSS", "ui"),
        new("markup", Rx(@"/@vite/client|type=""module""[^>]+/assets/index-[\w-]+\.js"), "Vite", "build"),
        new("markup", Rx(@"svelte"), "Svelte", "frontend"),
    ];

    public static IReadOnlyList<DetectedTechnology> Detect(IEnumerable<ProbeResponse> responses)
    {
        var found = new Dictionary<string, DetectedTechnology>(StringComparer.OrdinalIgnoreCase);
        foreach (var response in responses.Where(r => r.Reached))
            foreach (var signature in Signatures)
            {
                var text = signature.Where == "markup" ? Markup(response) : response.Header(signature.Where);
                if (text is null || signature.Pattern.Match(text) is not { Success: true } match) continue;
                var name = match.Groups["name"].Success ? match.Groups["name"].Value.Trim() : signature.Name;
                var version = match.Groups["version"].Success ? match.Groups["version"].Value : null;
                var evidence = signature.Where == "markup" ? $"markup: {Excerpt(match.Value)}" : $"{signature.Where}: {Excerpt(text)}";
                if (!found.TryGetValue(name, out var known) || known.Version is null && version is not null)
                    found[name] = new(name, signature.Category, evidence, version);
            }
        return [.. found.Values.OrderBy(t => t.Category, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    // Markup signatures only mean something in HTML; an OpenAPI document naming "react" is not React.
    static string? Markup(ProbeResponse response) =>
        response.Header("content-type")?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ? response.Body : null;

    static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "…";

    static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
}
