using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Git.GitHub;

public static class GitHubExtensions
{
    /// <summary>
    /// GitHub through Octokit (Catalyst:GitHub), and the storage mode (Catalyst:Git:StorageMode) that says
    /// whether approved work is pushed by itself. Safe to call from every host that needs it.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystGitHub(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(IGitHubRepositories))) return builder;
        services.AddOptions<GitOptions>().BindConfiguration(GitOptions.Section);
        services.AddOptions<GitHubOptions>()
            .BindConfiguration(GitHubOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IOptions<GitOptions>>((github, git) => !git.Value.PushesToGitHub || github.IsConfigured,
                $"{GitOptions.Section}:StorageMode pushes approved work to GitHub, but {GitHubOptions.Section}:Token is not set: set it, or set the storage mode to Local.")
            .ValidateOnStart();
        services.TryAddSingleton<ProjectRepositories>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IGitHubRepositories, OctokitGitHubRepositories>();
        services.AddSingleton<GitHubPublisher>();
        services.AddScoped<GitHubPublications>();
        return builder;
    }
}
