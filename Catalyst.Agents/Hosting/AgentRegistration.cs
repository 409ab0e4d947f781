using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;
using Catalyst.Core.Messaging;

namespace Catalyst.Agents.Hosting;

public static class AgentRegistration
{
    /// <summary>The agents that exist so far, with what they need. Hosted by the Api (embedded) or a worker (distributed).</summary>
    public static IHostApplicationBuilder AddCatalystAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GitOptions>().BindConfiguration(GitOptions.Section);
        services.AddSingleton<ProjectRepositories>();
        services.AddSingleton<RequestParser>();
        services.AddSingleton<PlanBuilder>();
        services.AddSingleton<IAppGenerator, DotnetAppGenerator>();
        services.AddSingleton<IAppGenerator, NodeAppGenerator>();

        services.AddAgent<PlannerAgent>();
        services.AddAgent<ArchitectAgent>();
        services.AddAgent<CoderAgent>();
        return builder;
    }
}
