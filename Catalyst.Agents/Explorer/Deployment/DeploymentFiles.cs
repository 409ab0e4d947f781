using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer.Deployment;

/// <summary>The deployment scan's own files under explorer/{scan-id}/: security/headers.json, security/tls.json, endpoints.json, latency.json.</summary>
public static class DeploymentFiles
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task WriteAsync(string directory, DeploymentObservations seen, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(directory, "security"));
        if (seen.Page is { Reached: true } page)
            await WriteAsync(Path.Combine(directory, "security", "headers.json"), new
            {
                Url = page.Url.ToString(),
                page.Status,
                Checks = SecurityHeaders.Check(page, seen.Https),
                Received = page.Headers,
            }, ct);
        if (seen.Https)
            await WriteAsync(Path.Combine(directory, "security", "tls.json"), new { seen.Tls, Error = seen.TlsError }, ct);
        await WriteAsync(Path.Combine(directory, "endpoints.json"), new
        {
            Document = seen.ApiUrl?.ToString(),
            seen.Api?.SpecVersion,
            seen.Api?.Title,
            Tried = seen.OpenApiPathsTried,
            Health = seen.Health is { } h ? new { Url = h.Url.ToString(), h.Status, h.Error } : null,
            Endpoints = seen.Api?.Endpoints ?? [],
            Schemas = seen.Api?.Entities ?? [],
        }, ct);
        await WriteAsync(Path.Combine(directory, "latency.json"), new
        {
            Summary = seen.Latency,
            Samples = seen.Samples.Select(s => new { s.Status, ElapsedMs = Math.Round(s.Elapsed.TotalMilliseconds, 2), s.Error }),
        }, ct);
    }

    static async Task WriteAsync<T>(string path, T value, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, value, Json, ct);
    }
}
