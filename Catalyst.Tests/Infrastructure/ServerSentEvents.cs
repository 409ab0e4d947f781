using System.Text.Json.Nodes;

namespace Catalyst.Tests.Infrastructure;

/// <summary>One server-sent event as it came over the wire: its id, its event type and its JSON data.</summary>
public sealed record SseMessage(string? Id, string Type, JsonObject Data);

public static class ServerSentEvents
{
    /// <summary>Reads an SSE stream until a message matches <paramref name="last"/> (or the server ends it, when <paramref name="last"/> is null).</summary>
    public static async Task<List<SseMessage>> ReadUntilAsync(
        HttpClient client, string url, Func<SseMessage, bool>? last, TimeSpan timeout, string? lastEventId = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var received = new List<SseMessage>();
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is null) continue;
                var message = new SseMessage(id, type ?? "message", JsonNode.Parse(data)!.AsObject());
                received.Add(message);
                if (last?.Invoke(message) == true) return received;
                (id, type, data) = (null, null, null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
        if (last is null) return received;
        throw new InvalidOperationException($"The event stream ended early, after {received.Count} messages.");
    }

    /// <summary>The envelopes among the messages (event type agent_event), as JSON.</summary>
    public static IEnumerable<JsonObject> AgentEvents(this IEnumerable<SseMessage> messages) =>
        messages.Where(m => m.Type == "agent_event").Select(m => m.Data);
}
