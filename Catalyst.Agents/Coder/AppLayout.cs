using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder;

/// <summary>Where each stack keeps what: shared by the generators and the plan's "files affected".</summary>
public static class AppLayout
{
    public static string ProjectDirectory(AppSpec spec) => $"src/{spec.Identifier}";
    public static string TestDirectory(AppSpec spec) => $"tests/{spec.Identifier}.Tests";

    public static string Model(AppSpec spec, EntitySpec e) => spec.Stack == AppStack.Node
        ? $"src/models/{e.Route}.js" : $"{ProjectDirectory(spec)}/Models/{e.Name}.cs";

    public static string Endpoints(AppSpec spec, EntitySpec e) => spec.Stack == AppStack.Node
        ? $"src/routes/{e.Route}.js" : $"{ProjectDirectory(spec)}/Endpoints/{e.Name}Endpoints.cs";

    public static string Tests(AppSpec spec, EntitySpec e) => spec.Stack == AppStack.Node
        ? $"test/{e.Route}.test.js" : $"{TestDirectory(spec)}/{e.Name}ApiTests.cs";

    public static string[] Auth(AppSpec spec) => spec.Stack == AppStack.Node
        ? ["src/auth.js"]
        : [$"{ProjectDirectory(spec)}/Auth/AuthEndpoints.cs", $"{ProjectDirectory(spec)}/Auth/PasswordHasher.cs", $"{ProjectDirectory(spec)}/Auth/TokenAuthentication.cs"];

    public static string Frontend(AppSpec spec) => spec.Stack == AppStack.Node ? "public" : $"{ProjectDirectory(spec)}/wwwroot";

    /// <summary>An archetype's endpoints (route module for node).</summary>
    public static string ArchetypeEndpoints(AppSpec spec) => spec.Stack == AppStack.Node
        ? $"src/routes/{Node.NodeArchetypeFiles.Module(spec.Kind)}.js" : $"{ProjectDirectory(spec)}/Endpoints/{Dotnet.DotnetArchetypeFiles.Name(spec.Kind)}Endpoints.cs";

    /// <summary>An archetype's tests.</summary>
    public static string ArchetypeTests(AppSpec spec) => spec.Stack == AppStack.Node
        ? $"test/{Node.NodeArchetypeFiles.Module(spec.Kind)}.test.js"
        : $"{TestDirectory(spec)}/{(ArchetypeCatalog.Contains(spec.Kind) ? $"{spec.Kind}Tests" : "AppTests")}.cs";

    public static string Program(AppSpec spec) => spec.Stack == AppStack.Node ? "src/app.js" : $"{ProjectDirectory(spec)}/Program.cs";
}
