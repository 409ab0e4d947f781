using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalyst.Core.Events;

/// <summary>
/// The event envelope v1 from the specification, with an <see cref="EventId"/> added so consumers can
/// recognise redeliveries. Serialised as snake_case JSON by <see cref="EventSerializer"/>.
/// </summary>
public sealed record AgentEvent(
    Guid EventId,
    Guid TraceId,
    Guid TaskId,
    string Actor,
    string EventType,
    string Repo,
    string Branch,
    string Commit,
    DateTimeOffset Timestamp,
    JsonObject Payload,
    JsonObject? Metadata = null)
{
    public const string CurrentVersion = "v1";

    public string Version { get; init; } = CurrentVersion;

    /// <summary>Which fix round the event belongs to (0: the first attempt): code.pr.opened sets it, the Tester and the Reviewer carry it on.</summary>
    [JsonIgnore]
    public int FixRound => Payload["fix_round"] is JsonValue round && round.TryGetValue(out int value) ? value : 0;

    /// <summary>The RabbitMQ routing key for this event: <c>catalyst.{event_type}</c>.</summary>
    [JsonIgnore]
    public string RoutingKey => EventTypes.RoutingKeyFor(EventType);

    public static AgentEvent Create(
        Guid traceId, Guid taskId, string actor, string eventType, JsonObject payload,
        DateTimeOffset timestamp, string repo = "", string branch = "", string commit = "") =>
        new(Guid.CreateVersion7(timestamp), traceId, taskId, actor, eventType, repo, branch, commit, timestamp, payload);
}
