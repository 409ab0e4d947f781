using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Events;

namespace Catalyst.Tests.Unit;

public sealed class EventSerializerTests
{
    static AgentEvent Sample() => AgentEvent.Create(
        Guid.NewGuid(), Guid.NewGuid(), Actors.Planner, EventTypes.PlanCreated,
        new JsonObject { ["features_count"] = 3 }, DateTimeOffset.Parse("2026-11-21T10:00:00Z"),
        repo: "todo-app", branch: "main", commit: "abc123");

    [Fact]
    public void The_envelope_is_written_as_snake_case_v1_with_an_event_id()
    {
        var json = JsonNode.Parse(EventSerializer.Serialize(Sample()))!.AsObject();
        string[] expected = ["event_id", "trace_id", "task_id", "actor", "event_type", "repo", "branch", "commit", "timestamp", "payload", "metadata", "version"];
        Assert.Equal(expected.Order(), json.Select(p => p.Key).Order());
        Assert.Equal("v1", (string?)json["version"]);
        Assert.Equal("plan.created", (string?)json["event_type"]);
        Assert.Equal(3, (int?)json["payload"]!["features_count"]);
    }

    [Fact]
    public void An_event_survives_a_round_trip()
    {
        var original = Sample();
        var copy = EventSerializer.Deserialize(EventSerializer.SerializeToUtf8(original));
        Assert.Equal(original.EventId, copy.EventId);
        Assert.Equal(original.Timestamp, copy.Timestamp);
        Assert.Equal(original.RoutingKey, copy.RoutingKey);
        Assert.Equal("catalyst.plan.created", copy.RoutingKey);
        Assert.True(JsonNode.DeepEquals(original.Payload, copy.Payload));
    }

    [Theory]
    [InlineData("version", "v2", "version")]
    [InlineData("actor", "intruder", "actor")]
    [InlineData("event_id", "00000000-0000-0000-0000-000000000000", "event_id")]
    [InlineData("event_type", "", "event_type")]
    public void Invalid_envelopes_are_rejected_with_the_reason(string field, string value, string expectedInMessage)
    {
        var json = JsonNode.Parse(EventSerializer.Serialize(Sample()))!.AsObject();
        json[field] = value;
        var error = Assert.Throws<JsonException>(() => EventSerializer.Deserialize(json.ToJsonString()));
        Assert.Contains(expectedInMessage, error.Message);
    }

    [Fact]
    public void Every_spec_topic_has_a_constant()
    {
        string[] specTopics = ["plan.created", "architecture.proposed", "code.pr.opened", "test.results", "review.decision",
            "deploy.status", "deploy.complete", "explorer.findings", "task.progress"];
        Assert.All(specTopics, topic => Assert.Contains(topic, EventTypes.All));
    }
}
