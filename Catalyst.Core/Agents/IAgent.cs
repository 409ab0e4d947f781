using Catalyst.Core.Events;
using Catalyst.Core.Tasks;

namespace Catalyst.Core.Agents;

/// <summary>
/// One agent: consumes some event types and emits others through its <see cref="AgentContext"/>. Agents know
/// nothing of the transport; retries, the inbox, the outbox, tracing and task state live in the runner.
/// </summary>
public interface IAgent
{
    /// <summary>The actor name (planner, architect, ...); also names its queue.</summary>
    string Name { get; }

    IReadOnlyList<string> Consumes { get; }

    /// <summary>The task state this agent's work puts the task in, or null when it works outside the pipeline.</summary>
    TaskState? Phase { get; }

    Task HandleAsync(AgentContext context, AgentEvent agentEvent, CancellationToken ct);
}
