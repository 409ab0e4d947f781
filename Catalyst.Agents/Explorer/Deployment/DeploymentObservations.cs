namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>Everything a deployment scan saw, before it is judged: the raw material of findings, scores and files.</summary>
public sealed record DeploymentObservations(
    Uri Target,
    ProbeResponse? Page,
    ProbeResponse? Health,
    TlsObservation? Tls,
    string? TlsError,
    Uri? OpenApiUrl,
    OpenApiSummary? OpenApi,
    IReadOnlyList<string> OpenApiPathsTried,
    Uri? CatalystSchemaUrl,
    OpenApiSummary? CatalystSchema,
    IReadOnlyList<ProbeResponse> Samples,
    int RequestsMade,
    int MaxRequests,
    TimeSpan Elapsed,
    bool TimeBudgetRanOut)
{
    public bool Https => Target.Scheme == Uri.UriSchemeHttps;

    public LatencyStats? Latency => LatencyStats.From(Samples.Where(s => s.Reached).Select(s => s.Elapsed));

    /// <summary>The API as published: the OpenAPI document, else a Catalyst app's schema.json.</summary>
    public OpenApiSummary? Api => OpenApi ?? CatalystSchema;

    public Uri? ApiUrl => OpenApiUrl ?? CatalystSchemaUrl;

    public int Reached => Samples.Count(s => s.Reached);
}
