using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalyst.Core.Events;

/// <summary>The one wire format for events: snake_case JSON, the same on RabbitMQ, in the database and over HTTP.</summary>
public static class EventSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static byte[] SerializeToUtf8(AgentEvent agentEvent) => JsonSerializer.SerializeToUtf8Bytes(agentEvent, Options);

    public static string Serialize(AgentEvent agentEvent) => JsonSerializer.Serialize(agentEvent, Options);

    public static AgentEvent Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var agentEvent = JsonSerializer.Deserialize<AgentEvent>(utf8Json, Options)
            ?? throw new JsonException("The event body was JSON null.");
        return Validate(agentEvent);
    }

    public static AgentEvent Deserialize(string json) => Deserialize(System.Text.Encoding.UTF8.GetBytes(json));

    static AgentEvent Validate(AgentEvent e)
    {
        if (e.Version != AgentEvent.CurrentVersion) throw new JsonException($"Unsupported event version '{e.Version}'.");
        if (e.EventId == Guid.Empty) throw new JsonException("The event has no event_id.");
        if (string.IsNullOrWhiteSpace(e.EventType)) throw new JsonException("The event has no event_type.");
        if (!Actors.All.Contains(e.Actor)) throw new JsonException($"Unknown actor '{e.Actor}'.");
        return e with { Payload = e.Payload ?? [] };
    }
}
