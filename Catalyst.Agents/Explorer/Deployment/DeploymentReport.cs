using System.Text;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>The deployment section of report.md: what was measured, then the judgement, in that order.</summary>
public static class DeploymentReport
{
    const int MaxEndpointRows = 100;

    public static string Markdown(string origin, DeploymentObservations seen, IReadOnlyList<ScanFinding> findings,
        IReadOnlyList<DetectedTechnology> technologies, ScanScores scores)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Deployment: {origin}").AppendLine();
        md.AppendLine($"- Scanned {seen.Target} with {seen.RequestsMade} of at most {seen.MaxRequests} requests in {seen.Elapsed.TotalSeconds:0.00} s" +
                      (seen.TimeBudgetRanOut ? " (the time budget ran out: partial)." : "."));
        md.AppendLine(seen.Page is { Reached: true } page ? $"- The page answered {page.Status}." : "- The deployment did not answer.");
        if (seen.Latency is { } l)
            md.AppendLine($"- Latency over {l.Samples} requests: p50 {l.P50Ms:0.#} ms, p90 {l.P90Ms:0.#} ms, p95 {l.P95Ms:0.#} ms, p99 {l.P99Ms:0.#} ms (min {l.MinMs:0.#}, max {l.MaxMs:0.#}).");
        md.AppendLine(seen.Health switch
        {
            null => "- /health was not checked.",
            { Reached: false } h => $"- /health did not answer: {h.Error}",
            var h => $"- /health answered {h.Status}.",
        });
        md.AppendLine(seen.Https
            ? seen.Tls is { } tls ? $"- TLS: {tls.Protocol}, {tls.CipherSuite}; certificate {tls.Subject} from {tls.Issuer}, valid until {tls.NotAfter:yyyy-MM-dd}" +
                                    (tls.ValidationErrors.Length > 0 ? $"; does not validate ({tls.ValidationErrors})." : ".")
                                  : $"- TLS: no handshake ({seen.TlsError ?? "budget spent"})."
            : "- TLS: none (plain http).");
        md.AppendLine();

        if (seen.Page is { Reached: true } headersFrom)
        {
            md.AppendLine("### Security headers").AppendLine().AppendLine("| Header | Present | Value |").AppendLine("|---|---|---|");
            foreach (var check in SecurityHeaders.Check(headersFrom, seen.Https))
                md.AppendLine($"| {check.Header} | {(check.Present ? "yes" : "**missing**")} | {Cell(check.Value)} |");
            md.AppendLine();
        }

        md.AppendLine("### API").AppendLine();
        if (seen.OpenApi is null) md.AppendLine($"No OpenAPI document at {string.Join(", ", seen.OpenApiPathsTried.Select(p => $"`{p}`"))}.").AppendLine();
        if (seen.Api is { } api)
        {
            md.AppendLine($"{(seen.OpenApi is null ? "Catalyst app schema" : $"OpenAPI {api.SpecVersion} document")} \"{api.Title}\" at {seen.ApiUrl}: {api.Endpoints.Count} operations, " +
                          $"{api.Entities.Count} record schemas ({string.Join(", ", api.Entities.Select(e => e.Name))}).").AppendLine();
            md.AppendLine("| Method | Path | Summary |").AppendLine("|---|---|---|");
            foreach (var endpoint in api.Endpoints.Take(MaxEndpointRows)) md.AppendLine($"| {endpoint.Method} | `{endpoint.Path}` | {Cell(endpoint.Summary ?? endpoint.OperationId)} |");
            if (api.Endpoints.Count > MaxEndpointRows) md.AppendLine($"\n…and {api.Endpoints.Count - MaxEndpointRows} more in endpoints.json.");
        }
        md.AppendLine();

        md.AppendLine("### Technologies").AppendLine();
        if (technologies.Count == 0) md.AppendLine("Nothing the headers or markup give away.");
        foreach (var t in technologies) md.AppendLine($"- {t.Name}{(t.Version is null ? "" : " " + t.Version)} ({t.Category}), from {t.Evidence}");
        md.AppendLine();

        md.AppendLine("### Findings").AppendLine();
        foreach (var f in findings.OrderBy(f => Rank(f.Severity))) md.AppendLine($"- **{f.Severity}** {f.Title}: {f.Detail}");
        md.AppendLine().AppendLine($"Security score {scores.Security}/100, tech-debt score {scores.TechDebt}/100. {scores.HowComputed}");
        return md.ToString();
    }

    static int Rank(string severity) => Array.IndexOf<string>(["critical", "high", "medium", "low", "info"], severity);

    static string Cell(string? text) => text is null ? "" : text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
