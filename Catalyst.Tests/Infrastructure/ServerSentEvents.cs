using System.Text.Json.Nodes;

namespace Catalyst.Tests.Infrastructure;

public static class ServerSentEvents
{
    /// <summary>Reads an SSE stream's data payloads as JSON until one matches <paramref name="last"/>.</summary>
    public static async Task<List<JsonObject>> ReadUntilAsync(HttpClient client, string url, Func<JsonObject, bool> last, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var received = new List<JsonObject>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = JsonNode.Parse(line["data: ".Length..])!.AsObject();
            received.Add(data);
            if (last(data)) return received;
        }
        throw new InvalidOperationException("The event stream ended early.");
    }
}
