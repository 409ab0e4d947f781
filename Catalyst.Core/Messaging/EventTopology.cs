using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;

namespace Catalyst.Core.Messaging;

/// <summary>
/// The event topology of ARCHITECTURE.md "Events", in one place for both buses: which agent queue receives
/// which event types. Queues exist whether or not an agent is running, so events wait for their agent.
/// </summary>
public static class EventTopology
{
    public const string Exchange = "catalyst.events";
    public const string DeadLetterExchange = "catalyst.dlq";
    public const string DeadLetterQueue = "failed-events";
    public const string LiveUpdatesBinding = "catalyst.#";

    public static FrozenDictionary<string, string[]> AgentBindings { get; } = new Dictionary<string, string[]>
    {
        [Actors.Planner] = [EventTypes.TaskInitiated, EventTypes.PlanApproved, EventTypes.ExplorerFindings],
        [Actors.Architect] = [EventTypes.PlanCreated],
        [Actors.Coder] = [EventTypes.ArchitectureProposed, EventTypes.ReviewDecision, EventTypes.TestResults],
        [Actors.Tester] = [EventTypes.CodePrOpened],
        [Actors.Reviewer] = [EventTypes.TestResults],
        [Actors.Deployer] = [EventTypes.ReviewDecision],
        [Actors.Explorer] = [EventTypes.ExplorerRequested],
    }.ToFrozenDictionary();

    public static string QueueFor(string agent) => $"{agent}-queue";

    public static string RetryQueueFor(string agent, int retry) => $"{QueueFor(agent)}.retry.{retry}";

    /// <summary>The agents whose queues an event of this type lands in.</summary>
    public static IEnumerable<string> AgentsFor(string eventType) =>
        AgentBindings.Where(b => b.Value.Contains(eventType)).Select(b => b.Key);

    /// <summary>The agents that act on this event: its queues, narrowed by what the event says.</summary>
    public static IEnumerable<string> AgentsFor(AgentEvent agentEvent) =>
        AgentsFor(agentEvent.EventType).Where(agent => IsFor(agent, agentEvent));

    /// <summary>
    /// Whether <paramref name="agent"/> acts on this event. Results and reviews go two ways: passing tests to
    /// the Reviewer and failing ones back to the Coder; an approval to the Deployer, a request for changes back
    /// to the Coder. Queues stay bound by event type; the consumer skips what is not for it.
    /// </summary>
    public static bool IsFor(string agent, AgentEvent agentEvent)
    {
        if (!AgentBindings.TryGetValue(agent, out var bound) || !bound.Contains(agentEvent.EventType)) return false;
        var payload = agentEvent.Payload;
        return (agent, agentEvent.EventType) switch
        {
            (Actors.Reviewer, EventTypes.TestResults) => Passed(payload),
            (Actors.Coder, EventTypes.TestResults) => !Passed(payload),
            (Actors.Deployer, EventTypes.ReviewDecision) => Decision(payload) == ReviewDecisions.Approved,
            (Actors.Coder, EventTypes.ReviewDecision) => Decision(payload) == ReviewDecisions.ChangesRequested,
            // Findings reach the Planner only when the user asked to build something similar.
            (Actors.Planner, EventTypes.ExplorerFindings) => payload["build_requested"] is JsonValue build && build.TryGetValue<bool>(out var asked) && asked,
            _ => true,
        };

        static bool Passed(JsonObject payload) => payload["passed"] is JsonValue value && value.TryGetValue<bool>(out var passed) && passed;
        static string? Decision(JsonObject payload) => payload["decision"] is JsonValue value && value.TryGetValue<string>(out var decision) ? decision : null;
    }

    public static void EnsureValid(IAgent agent)
    {
        if (!AgentBindings.TryGetValue(agent.Name, out var bound))
            throw new InvalidOperationException($"Agent '{agent.Name}' has no queue in the event topology.");
        var unbound = agent.Consumes.Except(bound).ToList();
        if (unbound.Count > 0)
            throw new InvalidOperationException(
                $"Agent '{agent.Name}' consumes {string.Join(", ", unbound)}, which {QueueFor(agent.Name)} is not bound to.");
    }
}
