using System.Net;
using System.Security.Authentication;
using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>
/// Judges what a deployment scan saw: findings, suggestions, and two scores that start at 100 and lose a stated
/// number of points per problem, so <see cref="ScanScores.HowComputed"/> can list every deduction.
/// </summary>
public static class DeploymentAssessment
{
    const int SlowP95Ms = 1000;

    public static ScanResult Assess(DeploymentObservations seen, DateTimeOffset now)
    {
        var findings = new List<ScanFinding>();
        var suggestions = new List<SuggestedTask>();
        var security = new List<(string Reason, int Points)>();
        var debt = new List<(string Reason, int Points)>();
        var origin = seen.Target.GetLeftPart(UriPartial.Authority);

        if (seen.Page is not { Reached: true } page)
        {
            findings.Add(new("availability", "high", "The deployment did not answer", seen.Page?.Error ?? "No request could be made within the budget.", seen.Target.ToString()));
            debt.Add(("unreachable", 50));
        }
        else
        {
            if (page.Status >= 500) { findings.Add(new("availability", "high", $"The page answers {page.Status}", "The main page fails.", page.Url.ToString())); debt.Add(($"page answers {page.Status}", 25)); }
            if (page.RedirectRefused is { } refused) findings.Add(new("security", "medium", "A redirect to a non-allowed target was not followed", refused, page.Url.ToString()));
            JudgeHeaders(SecurityHeaders.Check(page, seen.Https), page, findings, suggestions, security);
        }
        JudgeHealth(seen, findings, suggestions, debt);
        JudgeTls(seen, now, findings, suggestions, security);
        JudgeApi(seen, findings, suggestions, debt);
        JudgeLatency(seen, findings, debt);
        if (seen.TimeBudgetRanOut) findings.Add(new("scan", "info", "The time budget ran out", "The results are partial: later checks did not run."));
        else if (seen.RequestsMade >= seen.MaxRequests) findings.Add(new("scan", "info", "The request budget was spent", $"All {seen.MaxRequests} requests were used."));

        var technologies = TechnologyDetector.Detect(new[] { seen.Page, seen.Health }.OfType<ProbeResponse>());
        var scores = Score(security, debt);
        return new ScanResult(findings, TechStack(technologies, seen.Api), Measurements(seen), seen.Api?.Entities ?? [], suggestions, scores,
            DeploymentReport.Markdown(origin, seen, findings, technologies, scores));
    }

    static void JudgeHeaders(IReadOnlyList<HeaderCheck> checks, ProbeResponse page, List<ScanFinding> findings, List<SuggestedTask> suggestions, List<(string, int)> security)
    {
        foreach (var check in checks.Where(c => !c.Present))
        {
            findings.Add(new("security-headers", check.Severity, $"{check.Header} is missing", check.Why, page.Url.ToString()));
            suggestions.Add(new($"Send the {check.Header} header", check.Why, check.Severity == "low" ? "low" : "medium"));
            security.Add(($"{check.Header} missing", check.Weight));
        }
        var disclosed = new[] { page.Header("server"), page.Header("x-powered-by"), page.Header("x-aspnet-version") }.OfType<string>().ToList();
        if (disclosed.Any(d => d.Any(char.IsDigit)) || page.Header("x-powered-by") is not null)
        {
            findings.Add(new("security-headers", "low", "The server discloses its software", string.Join("; ", disclosed), page.Url.ToString()));
            suggestions.Add(new("Stop sending Server versions and X-Powered-By", "They tell an attacker which exploits to try.", "low"));
            security.Add(("software disclosed in headers", 5));
        }
    }

    static void JudgeHealth(DeploymentObservations seen, List<ScanFinding> findings, List<SuggestedTask> suggestions, List<(string, int)> debt)
    {
        if (seen.Health is not { Reached: true } health) return;
        if (health.Succeeded) findings.Add(new("availability", "info", "/health answers", $"Status {health.Status} in {health.Elapsed.TotalMilliseconds:0} ms.", health.Url.ToString()));
        else if (health.Status == 404)
        {
            findings.Add(new("availability", "medium", "No /health endpoint", "Orchestrators and previews cannot tell whether the app is healthy.", health.Url.ToString()));
            suggestions.Add(new("Add a /health endpoint", "Health checks let the platform restart a failing app.", "medium"));
            debt.Add(("no /health", 20));
        }
        else
        {
            findings.Add(new("availability", "high", $"/health answers {health.Status}", "The app reports itself unhealthy.", health.Url.ToString()));
            debt.Add(($"/health answers {health.Status}", 25));
        }
    }

    static void JudgeTls(DeploymentObservations seen, DateTimeOffset now, List<ScanFinding> findings, List<SuggestedTask> suggestions, List<(string, int)> security)
    {
        if (!seen.Https)
        {
            // A preview on loopback is plain http by design; anywhere else the traffic crosses a network in clear.
            if (IsLoopback(seen.Target)) findings.Add(new("tls", "info", "Served over plain http on loopback", "Traffic never leaves the machine.", seen.Target.ToString()));
            else
            {
                findings.Add(new("tls", "high", "Served without TLS", "Everything, credentials included, crosses the network in clear.", seen.Target.ToString()));
                suggestions.Add(new("Serve the app over https", "Plain http exposes every request.", "high"));
                security.Add(("no TLS", 15));
            }
            return;
        }
        if (seen.Tls is not { } tls)
        {
            findings.Add(new("tls", "high", "The TLS handshake failed", seen.TlsError ?? "No handshake within the budget.", seen.Target.ToString()));
            security.Add(("TLS handshake failed", 25));
            return;
        }
        if (tls.ValidationErrors.Length > 0)
        {
            findings.Add(new("tls", "high", "The certificate does not validate", $"{tls.ValidationErrors} (subject {tls.Subject}, issuer {tls.Issuer})", seen.Target.ToString()));
            suggestions.Add(new("Use a certificate from a trusted authority that names the host", "Browsers warn or refuse, and users learn to click through.", "high"));
            security.Add(($"certificate: {tls.ValidationErrors}", 25));
        }
        if (tls.NotAfter < now) { findings.Add(new("tls", "high", "The certificate has expired", $"It expired on {tls.NotAfter:yyyy-MM-dd}.", seen.Target.ToString())); security.Add(("certificate expired", 25)); }
        else if (tls.NotAfter < now.AddDays(30))
        {
            findings.Add(new("tls", "medium", "The certificate expires within 30 days", $"It expires on {tls.NotAfter:yyyy-MM-dd}.", seen.Target.ToString()));
            suggestions.Add(new("Renew the TLS certificate (or automate renewal)", $"It expires on {tls.NotAfter:yyyy-MM-dd}.", "medium"));
            security.Add(("certificate expires within 30 days", 10));
        }
#pragma warning disable SYSLIB0039 // naming the obsolete protocols is the point of the check
        if (Enum.TryParse<SslProtocols>(tls.Protocol, out var protocol) && protocol is SslProtocols.Tls or SslProtocols.Tls11)
#pragma warning restore SYSLIB0039
        {
            findings.Add(new("tls", "high", $"{tls.Protocol} negotiated", "TLS before 1.2 is deprecated (RFC 8996).", seen.Target.ToString()));
            security.Add(("TLS below 1.2", 20));
        }
    }

    static void JudgeApi(DeploymentObservations seen, List<ScanFinding> findings, List<SuggestedTask> suggestions, List<(string, int)> debt)
    {
        if (seen.OpenApi is { } api)
            findings.Add(new("api", "info", "OpenAPI document found",
                $"{api.SpecVersion}, {api.Endpoints.Count} operations, {api.Entities.Count} record schemas.", seen.OpenApiUrl!.ToString()));
        else if (!seen.TimeBudgetRanOut && seen.OpenApiPathsTried.Count == OpenApiReader.WellKnownPaths.Count)
        {
            findings.Add(new("api", "low", "No OpenAPI document at the usual paths", string.Join(", ", seen.OpenApiPathsTried), seen.Target.ToString()));
            suggestions.Add(new("Publish an OpenAPI document", "Clients, tests and the Explorer can then see the API's contract.", "low"));
            debt.Add(("no OpenAPI document", 10));
        }
        if (seen.CatalystSchema is { } schema)
            findings.Add(new("api", "info", "Catalyst app schema found",
                $"{schema.Entities.Count} entities ({string.Join(", ", schema.Entities.Select(e => e.Name))}) with their generated CRUD routes.", seen.CatalystSchemaUrl!.ToString()));
    }

    static void JudgeLatency(DeploymentObservations seen, List<ScanFinding> findings, List<(string, int)> debt)
    {
        var failed = seen.Samples.Count(s => !s.Reached || s.Status >= 500);
        if (failed > 0 && seen.Samples.Count > 0)
        {
            findings.Add(new("availability", "medium", $"{failed} of {seen.Samples.Count} requests failed",
                string.Join("; ", seen.Samples.Where(s => !s.Reached || s.Status >= 500).Select(s => s.Error ?? s.Status.ToString()).Distinct().Take(3)), seen.Target.ToString()));
            debt.Add(($"{failed}/{seen.Samples.Count} requests failed", (int)Math.Ceiling(30.0 * failed / seen.Samples.Count)));
        }
        if (seen.Latency is { P95Ms: > SlowP95Ms } latency)
        {
            findings.Add(new("performance", "medium", "Slow responses", $"p95 {latency.P95Ms:0} ms over {latency.Samples} requests.", seen.Target.ToString()));
            debt.Add(($"p95 latency above {SlowP95Ms} ms", 15));
        }
    }

    static ScanScores Score(List<(string Reason, int Points)> security, List<(string Reason, int Points)> debt) =>
        ScanScores.FromDeductions(security, debt,
            "Security weighs missing security headers (CSP 20, HSTS 15 over https or 5 over http, " +
            "nosniff 10, framing 10, Referrer-Policy 5, Permissions-Policy 5), TLS problems and disclosed server software; tech debt weighs " +
            "reachability, /health, an OpenAPI document, failed requests and p95 latency.");

    static JsonObject TechStack(IReadOnlyList<DetectedTechnology> technologies, OpenApiSummary? api)
    {
        var stack = new JsonObject();
        foreach (var group in technologies.GroupBy(t => t.Category))
            stack[group.Key] = new JsonArray([.. group.Select(t => (JsonNode)(t.Version is null ? t.Name : $"{t.Name} {t.Version}"))]);
        if (api is not null) stack["api"] = api.SpecVersion.StartsWith("catalyst", StringComparison.Ordinal) ? "Catalyst generated app" : $"OpenAPI {api.SpecVersion}";
        stack["detected"] = new JsonArray([.. technologies.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name, ["category"] = t.Category, ["version"] = t.Version, ["evidence"] = t.Evidence,
        })]);
        return stack;
    }

    static JsonObject Measurements(DeploymentObservations seen) => new()
    {
        ["target"] = seen.Target.ToString(),
        ["requests_made"] = seen.RequestsMade,
        ["max_requests"] = seen.MaxRequests,
        ["elapsed_ms"] = Math.Round(seen.Elapsed.TotalMilliseconds, 1),
        ["time_budget_ran_out"] = seen.TimeBudgetRanOut,
        ["reachable"] = seen.Page?.Reached ?? false,
        ["status"] = seen.Page?.Status,
        ["samples"] = seen.Samples.Count,
        ["samples_reached"] = seen.Reached,
        ["latency_ms"] = seen.Latency is { } l ? new JsonObject
        {
            ["min"] = l.MinMs, ["mean"] = l.MeanMs, ["p50"] = l.P50Ms, ["p90"] = l.P90Ms, ["p95"] = l.P95Ms, ["p99"] = l.P99Ms, ["max"] = l.MaxMs,
        } : null,
        ["health"] = seen.Health is { } h ? new JsonObject { ["url"] = h.Url.ToString(), ["status"] = h.Status } : null,
        ["openapi"] = seen.OpenApi is { } api ? new JsonObject
        {
            ["url"] = seen.OpenApiUrl!.ToString(), ["version"] = api.SpecVersion, ["operations"] = api.Endpoints.Count, ["schemas"] = api.Entities.Count,
        } : null,
        ["catalyst_schema"] = seen.CatalystSchema is { } schema ? new JsonObject
        {
            ["url"] = seen.CatalystSchemaUrl!.ToString(), ["entities"] = schema.Entities.Count, ["endpoints"] = schema.Endpoints.Count,
        } : null,
        ["tls"] = seen.Tls is { } tls ? new JsonObject { ["protocol"] = tls.Protocol, ["not_after"] = tls.NotAfter.ToString("O") } : null,
    };

    public static bool IsLoopback(Uri target)
    {
        var host = AllowedTargets.HostOf(target);
        return host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
