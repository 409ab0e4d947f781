using Catalyst.Agents.Deployer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>
/// Scans a running deployment over HTTP (spec 4.7 B): the page and its security headers, TLS, /health, an OpenAPI
/// document at the usual paths, the technologies it gives away, and latency over a bounded number of requests.
/// Only loopback, the previews and configured hosts can be scanned (<see cref="AllowedTargets"/>).
/// </summary>
public sealed partial class DeploymentScanner(
    IOptions<DeploymentScanOptions> options, IOptions<PreviewOptions> previews, TimeProvider time, ILogger<DeploymentScanner> logger) : IExplorerScanner
{
    public ScanKind Kind => ScanKind.Deployment;

    public string? Refuse(string target, IReadOnlyDictionary<string, string> scanOptions)
    {
        var targets = AllowedTargets.From(options.Value, previews.Value);
        return targets.RefuseUrl(target, out var uri) ?? targets.Resolve(AllowedTargets.HostOf(uri!)).Refusal;
    }

    public async Task<ScanResult> ScanAsync(ScanJob job, CancellationToken ct)
    {
        var settings = Bounded(options.Value, job.Options);
        var targets = AllowedTargets.From(settings, previews.Value);
        if (targets.RefuseUrl(job.Target, out var target) is { } refusal) throw new InvalidOperationException(refusal);
        var started = time.GetTimestamp();
        LogScanning(logger, job.ScanId, target!.GetLeftPart(UriPartial.Authority), settings.MaxRequests, settings.TimeBudget);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(settings.TimeBudget);
        var vetted = await targets.ResolveAsync(AllowedTargets.HostOf(target), budget.Token);
        if (!vetted.Allowed) throw new InvalidOperationException(vetted.Refusal);
        using var http = new ScanHttpClient(targets, settings, time);
        http.Pin(vetted);

        var observations = await ObserveAsync(job, target, settings, http, started, budget.Token, ct);
        var result = DeploymentAssessment.Assess(observations, time.GetUtcNow());
        await DeploymentFiles.WriteAsync(job.OutputDirectory, observations, ct);
        LogScanned(logger, job.ScanId, observations.RequestsMade, observations.Elapsed.TotalMilliseconds);
        return result;
    }

    async Task<DeploymentObservations> ObserveAsync(
        ScanJob job, Uri target, DeploymentScanOptions settings, ScanHttpClient http, long started, CancellationToken budget, CancellationToken ct)
    {
        ProbeResponse? page = null, health = null;
        TlsObservation? tls = null;
        string? tlsError = null;
        Uri? openApiUrl = null;
        OpenApiSummary? openApi = null, catalystSchema = null;
        Uri? catalystSchemaUrl = null;
        var tried = new List<string>();
        var samples = new List<ProbeResponse>();
        var ranOut = false;
        try
        {
            job.Progress($"Requesting {target}");
            page = await http.GetAsync(target, budget);
            if (page is not null) samples.Add(page);

            job.Progress("Checking /health");
            health = await http.GetAsync(new Uri(target, "/health"), budget);

            if (target.Scheme == Uri.UriSchemeHttps)
            {
                job.Progress("Reading the TLS handshake");
                try { tls = await http.HandshakeAsync(target, budget); }
                catch (Exception e) when (e is IOException or HttpRequestException or System.Security.Authentication.AuthenticationException
                                          || e is OperationCanceledException && !budget.IsCancellationRequested)
                {
                    tlsError = e.Message;
                }
            }

            job.Progress("Looking for an OpenAPI document");
            foreach (var path in OpenApiReader.WellKnownPaths)
            {
                var url = new Uri(target, path);
                if (await http.GetAsync(url, budget) is not { } response) break;
                tried.Add(path);
                if (response.Succeeded && OpenApiReader.Read(response.Body, url.ToString()) is { } document)
                {
                    (openApiUrl, openApi) = (url, document);
                    break;
                }
            }

            if (openApi is null && await http.GetAsync(new Uri(target, CatalystSchemaReader.Path), budget) is { Succeeded: true } schema)
            {
                catalystSchema = CatalystSchemaReader.Read(schema.Body, schema.Url.ToString());
                catalystSchemaUrl = catalystSchema is null ? null : schema.Url;
            }

            job.Progress("Measuring latency");
            while (samples.Count < settings.LatencySamples && await http.GetAsync(target, budget) is { } sample) samples.Add(sample);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The time budget ran out: what was seen so far is the result, and the report says it is partial.
            ranOut = true;
        }
        return new(target, page, health, tls, tlsError, openApiUrl, openApi, tried, catalystSchemaUrl, catalystSchema, samples, http.RequestsMade, settings.MaxRequests,
            time.GetElapsedTime(started), ranOut);
    }

    /// <summary>A scan's own options may tighten the configured bounds, never loosen them.</summary>
    static DeploymentScanOptions Bounded(DeploymentScanOptions configured, IReadOnlyDictionary<string, string> scan)
    {
        int Lower(string key, int value) => scan.TryGetValue(key, out var text) && int.TryParse(text, out var asked) && asked > 0 ? Math.Min(asked, value) : value;
        return new DeploymentScanOptions
        {
            MaxRequests = Lower("max_requests", configured.MaxRequests),
            LatencySamples = Lower("latency_samples", configured.LatencySamples),
            TimeBudget = scan.TryGetValue("time_budget_seconds", out var text) && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(Math.Min(seconds, configured.TimeBudget.TotalSeconds))
                : configured.TimeBudget,
            RequestTimeout = configured.RequestTimeout,
            MaxBodyBytes = configured.MaxBodyBytes,
            MaxRedirects = configured.MaxRedirects,
            AllowedHosts = configured.AllowedHosts,
            AllowedNetworks = configured.AllowedNetworks,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment scan {ScanId} of {Origin}: at most {MaxRequests} requests within {TimeBudget}")]
    static partial void LogScanning(ILogger logger, Guid scanId, string origin, int maxRequests, TimeSpan timeBudget);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment scan {ScanId} made {Requests} requests in {ElapsedMs:0} ms")]
    static partial void LogScanned(ILogger logger, Guid scanId, int requests, double elapsedMs);
}
