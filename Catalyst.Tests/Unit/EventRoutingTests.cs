using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;

namespace Catalyst.Tests.Unit;

/// <summary>Results and reviews go two ways; anything unclear goes back to the Coder, never forward.</summary>
public sealed class EventRoutingTests
{
    static AgentEvent Event(string type, JsonObject payload) =>
        AgentEvent.Create(Guid.NewGuid(), Guid.NewGuid(), "x", type, payload, DateTimeOffset.UtcNow, "repo", "branch", "commit");

    [Theory]
    [InlineData("""{"passed":true}""", "reviewer")]
    [InlineData("""{"passed":false}""", "coder")]
    [InlineData("""{}""", "coder")]
    [InlineData("""{"passed":"yes"}""", "coder")]
    public void Test_results_go_to_the_reviewer_only_when_they_passed(string payload, string agent) =>
        Assert.Equal([agent], EventTopology.AgentsFor(Event(EventTypes.TestResults, JsonNode.Parse(payload)!.AsObject())));

    [Theory]
    [InlineData("""{"decision":"approved"}""", "deployer")]
    [InlineData("""{"decision":"changes_requested"}""", "coder")]
    [InlineData("""{"decision":42}""", null)]
    public void Reviews_go_to_the_deployer_when_approved_and_to_the_coder_when_changes_are_requested(string payload, string? agent) =>
        Assert.Equal(agent is null ? [] : [agent], EventTopology.AgentsFor(Event(EventTypes.ReviewDecision, JsonNode.Parse(payload)!.AsObject())));

    [Fact]
    public void An_agent_never_takes_an_event_its_queue_is_not_bound_to() =>
        Assert.False(EventTopology.IsFor("tester", Event(EventTypes.TestResults, new JsonObject { ["passed"] = false })));
}
