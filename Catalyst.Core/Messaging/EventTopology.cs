using System.Collections.Frozen;
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
        [Actors.Planner] = [EventTypes.TaskInitiated, EventTypes.ExplorerFindings],
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
