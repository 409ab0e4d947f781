using Catalyst.Core.Agents;
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

    public static IServiceCollection AddScriptedPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ScriptOptions>(configuration.GetSection(ScriptOptions.Section));
        foreach (var stage in PipelineStages.All)
            services.AddSingleton<IAgent>(sp => new ScriptedAgent(stage, sp.GetRequiredService<IOptions<ScriptOptions>>()));
        return services;
    }
}
