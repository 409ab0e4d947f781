namespace Catalyst.Agents.Deployer;

/// <summary>
/// Asks a preview's /health. A plain client of its own, not one from the factory: the factory's resilience
/// pipeline retries for seconds, and a health probe must give one quick answer.
/// </summary>
public sealed class PreviewProbe : IDisposable
{
    readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<bool> IsHealthyAsync(int port, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Routing.PreviewHosts.DirectUrl(port), "health"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    public void Dispose() => http.Dispose();
}
