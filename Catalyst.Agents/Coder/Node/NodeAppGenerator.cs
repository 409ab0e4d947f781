using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>
/// Generates a Node.js 20 + Express app honouring docs/generated-apps.md: JSON-file storage, one route module per
/// entity (or per archetype), optional PBKDF2/bearer-token auth with ownership, node:test suites, Docker files.
/// </summary>
public sealed class NodeAppGenerator : IAppGenerator
{
    public AppStack Stack => AppStack.Node;

    public IReadOnlyList<CodeCommit> Generate(AppSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var crud = spec.Kind == AppKind.Crud;
        var entities = crud ? spec.Entities : [];
        var commits = new List<CodeCommit>
        {
            new($"chore: scaffold {spec.Title} (Express)",
            [
                NodeRuntimeFiles.PackageJson(spec), NodeRuntimeFiles.GitIgnore(), NodeRuntimeFiles.EnvExample(),
                NodeRuntimeFiles.Store(), NodeRuntimeFiles.Http(), NodeRuntimeFiles.Validation(),
            ]),
        };

        if (entities.Count > 0)
            commits.Add(new($"feat(models): add {Names(entities)} with field validation",
                [.. entities.Select(e => NodeEntityFiles.Model(spec, e))]));

        var api = new List<GeneratedFile> { NodeRuntimeFiles.App(spec), NodeRuntimeFiles.Server(spec) };
        if (crud) api.AddRange(entities.Select(e => NodeEntityFiles.Routes(spec, e)));
        else api.AddRange(NodeArchetypeFiles.Source(spec.Kind));
        commits.Add(new(crud ? $"feat(api): add REST endpoints for {Names(entities)}" : $"feat(api): add the {FrontendAssets.KindName(spec.Kind)} endpoints", api));

        if (spec.Features.Auth)
            commits.Add(new("feat(auth): add registration, login and per-user ownership", [NodeAuthFile.Create()]));

        commits.Add(new("feat(frontend): add the web interface", FrontendAssets.For(spec, "public")));

        var tests = new List<GeneratedFile> { NodeTestFiles.Helpers(spec), NodeTestFiles.App(spec), NodeTestFiles.StoreTest() };
        if (crud) tests.AddRange(entities.Select(e => NodeTestFiles.Entity(spec, e)));
        else tests.Add(NodeArchetypeFiles.TestFile(spec.Kind));
        if (spec.Features.Auth && entities.Count > 0) tests.Add(NodeTestFiles.Auth(spec));
        commits.Add(new("test: add API tests (node:test)", tests));

        commits.Add(new("build: add Dockerfile and compose file",
            [NodeDeployFiles.Dockerfile(), NodeDeployFiles.Compose(), NodeDeployFiles.DockerIgnore()]));
        commits.Add(new("docs: add README", [NodeDeployFiles.Readme(spec)]));
        return commits;
    }

    static string Names(IEnumerable<EntitySpec> entities) =>
        string.Join(", ", entities.Select(e => e.Plural.ToLowerInvariant())) is { Length: > 0 } names ? names : "the app";
}
