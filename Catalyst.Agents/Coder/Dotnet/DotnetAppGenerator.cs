using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>An ASP.NET Core 10 minimal API with typed models, a static frontend, xunit tests and container files.</summary>
public sealed class DotnetAppGenerator : IAppGenerator
{
    public AppStack Stack => AppStack.Dotnet;

    public IReadOnlyList<CodeCommit> Generate(AppSpec spec)
    {
        var commits = new List<CodeCommit>
        {
            new($"chore: scaffold {spec.Title} (ASP.NET Core minimal API)\n\nSolution, project, host with /health, JSON file storage.", DotnetProjectFiles.Structure(spec)),
        };
        if (spec.Entities.Count > 0)
            commits.Add(new($"feat(models): add {Join(spec.Entities.Select(e => e.Name))} with validation",
                [.. spec.Entities.Select(e => DotnetEntityFiles.Model(spec, e))]));
        if (spec.Features.Auth)
            commits.Add(new("feat(auth): add registration, login and bearer tokens\n\nPasswords are PBKDF2-SHA256 hashes with a random salt.", DotnetAuthFiles.Files(spec)));
        commits.Add(spec.Kind == AppKind.Crud
            ? new($"feat(api): add {Join(spec.Entities.Select(e => $"/api/{e.Route}"))} endpoints", [.. spec.Entities.Select(e => DotnetEntityFiles.Endpoints(spec, e))])
            : new($"feat(api): add the {spec.Title} endpoints", DotnetArchetypeFiles.Source(spec)));
        commits.Add(new("feat(frontend): add the web page", FrontendAssets.For(spec, AppLayout.Frontend(spec))));
        commits.Add(new("test: cover every endpoint, its validation and status codes", DotnetTestFiles.Files(spec)));
        commits.Add(new("build: add Dockerfile and docker-compose.yml", DotnetProjectFiles.Deployment(spec)));
        commits.Add(new("docs: add README", [DotnetProjectFiles.Readme(spec)]));
        return commits;
    }

    static string Join(IEnumerable<string> names) => string.Join(", ", names);
}
