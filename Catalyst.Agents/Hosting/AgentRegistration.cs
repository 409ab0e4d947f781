using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Deployer;
using Catalyst.Agents.Docker;
using Catalyst.Agents.Explorer;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Reviewer;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Git.GitHub;
using Catalyst.Core.Llm;
using Catalyst.Core.Messaging;

namespace Catalyst.Agents.Hosting;

public static class AgentRegistration
{
    /// <summary>Comma-separated agent names this host runs (e.g. "planner,architect,coder"); all when unset.</summary>
    public const string EnabledKey = "Catalyst:Agents:Enabled";

    /// <summary>The agents that exist so far, with what they need. Hosted by the Api (embedded) or a worker (distributed).</summary>
    public static IHostApplicationBuilder AddCatalystAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GitOptions>().BindConfiguration(GitOptions.Section);
        services.AddOptions<TesterOptions>().BindConfiguration(TesterOptions.Section);
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.Section);
        services.AddOptions<CoderOptions>().BindConfiguration(CoderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReviewerOptions>().BindConfiguration(ReviewerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProjectRepositories>();
        services.AddSingleton<RequestParser>();
        services.AddSingleton<IRequestUnderstanding, ParsedRequestUnderstanding>();
        builder.AddCatalystLlm();
        services.AddExplorerScanners();
        services.AddSingleton<ModelUnderstanding>();
        services.AddSingleton<Coder.Model.ModelCoder>();
        services.AddSingleton<AiReview>();
        services.AddSingleton<ModelDesign>();
        services.AddSingleton<ChangeReader>();
        services.AddSingleton<PlanBuilder>();
        services.AddSingleton<IAppGenerator, DotnetAppGenerator>();
        services.AddSingleton<IAppGenerator, NodeAppGenerator>();
        builder.AddCatalystPreviews();
        builder.AddCatalystDocker();
        // Generated code runs in containers when a Docker daemon is configured (unless told otherwise), else as
        // local processes (the process previews' own sandbox instance).
        var isolation = builder.Configuration.GetSection("Catalyst:Agents:Sandbox").Get<SandboxOptions>()?.Isolation ?? SandboxIsolation.Auto;
        if (isolation == SandboxIsolation.Container && !builder.Configuration.HasDocker())
            throw new InvalidOperationException("Catalyst:Agents:Sandbox:Isolation is Container, but no Docker daemon is configured: set Catalyst:Docker:Endpoint.");
        if (isolation == SandboxIsolation.Container || (isolation == SandboxIsolation.Auto && builder.Configuration.HasDocker()))
            services.AddSingleton<ISandbox, ContainerSandbox>();
        else services.AddSingleton<ISandbox>(sp => sp.GetRequiredService<ProcessSandbox>());
        services.AddSingleton(builder.Configuration.GetSection("Catalyst:Agents:Browser").Get<BrowserOptions>() ?? new BrowserOptions());
        services.AddSingleton<BrowserCheck>();

        var enabled = builder.Configuration[EnabledKey]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        void Add<TAgent>(string name) where TAgent : class, IAgent
        {
            if (enabled is null || enabled.Contains(name)) services.AddAgent<TAgent>();
        }
        Add<PlannerAgent>(Actors.Planner);
        Add<ArchitectAgent>(Actors.Architect);
        Add<CoderAgent>(Actors.Coder);
        Add<TesterAgent>(Actors.Tester);
        Add<ReviewerAgent>(Actors.Reviewer);
        Add<ExplorerAgent>(Actors.Explorer);
        if (enabled is null || enabled.Contains(Actors.Deployer))
        {
            services.AddAgent<DeployerAgent>();
            services.AddPreviewDeployment();
            builder.AddCatalystGitHub(); // storage mode GitHub or Both: approved work is pushed before it is deployed
            services.AddSingleton<GitHubPublicationStep>();
        }
        return builder;
    }
}
