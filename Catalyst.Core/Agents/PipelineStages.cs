using Catalyst.Core.Events;
using Catalyst.Core.Tasks;

namespace Catalyst.Core.Agents;

/// <summary>One step of the build pipeline: who works, on what, in which task state, and what it hands on.</summary>
public sealed record PipelineStage(string Agent, string Consumes, TaskState Phase, string Emits);

/// <summary>The happy path from a prompt to a deployed preview, in order.</summary>
public static class PipelineStages
{
    public static IReadOnlyList<PipelineStage> All { get; } =
    [
        new(Actors.Planner, EventTypes.TaskInitiated, TaskState.Planning, EventTypes.PlanCreated),
        new(Actors.Architect, EventTypes.PlanCreated, TaskState.Architecting, EventTypes.ArchitectureProposed),
        new(Actors.Coder, EventTypes.ArchitectureProposed, TaskState.Coding, EventTypes.CodePrOpened),
        new(Actors.Tester, EventTypes.CodePrOpened, TaskState.Testing, EventTypes.TestResults),
        new(Actors.Reviewer, EventTypes.TestResults, TaskState.Reviewing, EventTypes.ReviewDecision),
        new(Actors.Deployer, EventTypes.ReviewDecision, TaskState.Deploying, EventTypes.DeployComplete),
    ];
}
