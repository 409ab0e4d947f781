using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Model;

/// <summary>
/// docs/generated-apps.md, told to the model for the app's stack: the layout, runtime, tests, page and Docker
/// conventions the Tester, the Reviewer and the Deployer rely on. Kept beside the rules that check the answer
/// (<see cref="ModelFileRules"/>), so what is asked for and what is checked do not drift apart.
/// </summary>
public static class ModelAppContract
{
    public static string Instructions(AppSpec spec) => $$"""
        You write a complete, small, working web application as files, for a request that a rule-based generator could not build.
        Answer with JSON only, in the given schema: a short summary, and every file with its path and whole content.

        The application must honour this contract; automated tests, a code review and a browser check rely on it.
        {{(spec.Stack == AppStack.Node ? Node : Dotnet(spec))}}
        For every stack:
        - GET /health answers 200 {"status":"healthy"}. The page is served at / and names the app in its <h1> and <title>.
        - Data is kept in JSON files under DATA_DIR (default ./data), in memory when DATA_DIR is ":memory:"; keep nothing if the app needs nothing.
        - Errors are JSON: invalid input is 400 {"title": "...", "status": 400, "errors": {"<field>": ["<message>"]} }; others {"title", "status", "detail"}.
        - The tests run the real app over HTTP and cover its main rules: each is a focused case with a clear name; all must pass.
        - README.md says what the app does and how to run and test it; Dockerfile builds and runs it on port 8080; .env.example lists its
          variables with harmless defaults. No secrets, keys or passwords anywhere.
        - Do not write schema.json, planning/ or architecture/: they are written for you.
        - Small, readable functions; at most {{ModelFileRules.MaxFiles}} files, each under {{ModelFileRules.MaxFileChars:N0}} characters.
        """;

    const string Node = """
        Stack: Node.js 20, CommonJS, no build step.
        - package.json: "scripts": {"start": "node src/server.js", "test": "node --test test/*.test.js"}, "engines": {"node": ">=20"}.
          Prefer no dependencies (node:http, node:fs, node:test, node:assert); any dependency is pinned to an exact version.
        - src/app.js exports createApp({ dataDir, now }) returning a node:http server that is not yet listening; src/server.js
          listens on PORT (default 8080) and HOST (default 0.0.0.0) and closes on SIGINT and SIGTERM.
        - The page is public/index.html with public/app.js and public/styles.css, served by the app.
        - Tests are test/*.test.js (node:test): each starts the app on port 0 with DATA_DIR ":memory:" and closes it after.
        - Dockerfile: FROM node:20-alpine, copies package*.json, src and public, runs as the node user, CMD ["node", "src/server.js"].
        """;

    static string Dotnet(AppSpec spec) => $"""
        Stack: .NET 10, ASP.NET Core minimal API, C# with nullable reference types.
        - {spec.Identifier}.slnx at the root lists src/{spec.Identifier}/{spec.Identifier}.csproj (Microsoft.NET.Sdk.Web, net10.0) and
          tests/{spec.Identifier}.Tests/{spec.Identifier}.Tests.csproj (xunit: Microsoft.NET.Test.Sdk 18.11.0, xunit 2.9.3,
          xunit.runner.visualstudio 3.1.5, Microsoft.AspNetCore.Mvc.Testing 10.0.14, coverlet.collector 6.0.4; no other packages).
        - src/{spec.Identifier}/Program.cs ends with `public partial class Program;` so the tests can use WebApplicationFactory<Program>;
          it listens on ASPNETCORE_URLS or PORT (default 8080) and takes its clock from TimeProvider where time matters.
        - The page is src/{spec.Identifier}/wwwroot/index.html with app.js and styles.css (static files).
        - Every test is a [Fact] or an [InlineData] row.
        - Dockerfile: build with mcr.microsoft.com/dotnet/sdk:10.0, run with mcr.microsoft.com/dotnet/aspnet:10.0 on port 8080.
        """;

    /// <summary>The first request: what the user asked, and what the offline reading made of it, for names and the look.</summary>
    public static string Request(AppSpec spec) => $"""
        The request: {spec.Prompt}
        Title: {spec.Title}
        Why the generator could not build it: {string.Join(" ", spec.Limitations)}
        Build what the request asks for, as a {(spec.Stack == AppStack.Node ? "Node.js" : ".NET")} app.
        """;

    /// <summary>A fix round: every finding, and the app as it stands, so the answer can be a change to it.</summary>
    public static string Fix(FixRequest request, IReadOnlyList<Core.Git.GeneratedFile> current) => $"""
        Your application was tested and reviewed, and it does not pass yet: {request.Summary}.
        Findings to fix:
        {string.Join("\n", request.Findings.Select(f => $"- {(f.File is null ? "" : $"{f.File}{(f.Line is null ? "" : $":{f.Line}")}: ")}{f.Message}"))}

        The files as they stand:
        {string.Join("\n", current.Select(f => $"--- {f.Path}\n{f.Content}"))}

        Answer with the files to create or replace (each whole) and, in remove, any to delete. Fix the app rather than weakening its tests.
        """;
}
