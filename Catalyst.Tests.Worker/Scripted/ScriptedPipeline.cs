using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Worker.Scripted;

public static class ScriptedPipeline
{
    /// <summary>The table the scripted agents record their effects in; created by the tests.</summary>
    public const string EffectsTableSql = """
        CREATE TABLE IF NOT EXISTS test_effects (
            task_id uuid NOT NULL, agent text NOT NULL, event_id uuid NOT NULL, process_id integer NOT NULL,
            at timestamptz NOT NULL DEFAULT clock_timestamp())
        """;

    static readonly (string Name, string Consumes, TaskState Phase, string Emits)[] Steps =
    [
        (Actors.Planner, EventTypes.TaskInitiated, TaskState.Planning, EventTypes.PlanCreated),
        (Actors.Architect, EventTypes.PlanCreated, TaskState.Architecting, EventTypes.ArchitectureProposed),
        (Actors.Coder, EventTypes.ArchitectureProposed, TaskState.Coding, EventTypes.CodePrOpened),
        (Actors.Tester, EventTypes.CodePrOpened, TaskState.Testing, EventTypes.TestResults),
        (Actors.Reviewer, EventTypes.TestResults, TaskState.Reviewing, EventTypes.ReviewDecision),
        (Actors.Deployer, EventTypes.ReviewDecision, TaskState.Deploying, EventTypes.DeployComplete),
    ];

    public static IServiceCollection AddScriptedPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ScriptOptions>(configuration.GetSection(ScriptOptions.Section));
        foreach (var step in Steps)
            services.AddSingleton<IAgent>(sp => new ScriptedAgent(step.Name, step.Consumes, step.Phase, step.Emits, sp.GetRequiredService<IOptions<ScriptOptions>>()));
        return services;
    }
}
