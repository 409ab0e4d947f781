using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;

namespace Catalyst.Tests.Explorer;

public sealed class ExplorerTopologyTests
{
    static AgentEvent Findings(bool buildRequested) => AgentEvent.Create(Guid.NewGuid(), Guid.NewGuid(), Actors.Explorer, EventTypes.ExplorerFindings,
        new JsonObject { ["scan_id"] = Guid.NewGuid(), ["build_requested"] = buildRequested }, DateTimeOffset.UtcNow, "shop", "main", "");

    [Fact]
    public void Scans_go_to_the_explorer_queue_and_findings_reach_the_planner_only_when_a_build_was_asked_for()
    {
        Assert.Equal([Actors.Explorer], EventTopology.AgentsFor(EventTypes.ExplorerRequested));
        Assert.Equal("explorer-queue", EventTopology.QueueFor(Actors.Explorer));
        Assert.Empty(EventTopology.AgentsFor(Findings(buildRequested: false)));
        Assert.Equal([Actors.Planner], EventTopology.AgentsFor(Findings(buildRequested: true)));
    }
}
