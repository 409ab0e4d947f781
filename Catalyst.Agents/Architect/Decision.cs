using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Architect;

/// <summary>Architecture decision records: why this stack, this storage, this auth, this frontend.</summary>
public sealed record Decision(string Slug, string Title, string Context, string Choice, string Consequences)
{
    public string Markdown(int number) => $"""
        # ADR {number:000}: {Title}

        Status: accepted

        ## Context

        {Context}

        ## Decision

        {Choice}

        ## Consequences

        {Consequences}
        """ + "\n";

    public static IReadOnlyList<Decision> For(AppSpec spec) =>
    [
        spec.Stack == AppStack.Node
            ? new("express-on-node", "Express on Node.js", $"The request asked for Node or JavaScript: \"{spec.Prompt}\".",
                "Express 4 on Node.js 20, one route module per resource, node:test for tests.",
                "One small dependency (express); the tests need no test framework beyond Node itself.")
            : new("aspnet-core-minimal-api", "ASP.NET Core minimal API", "The request named no stack; Catalyst's default is .NET.",
                "An ASP.NET Core 10 minimal API with one endpoint group per resource, xunit and WebApplicationFactory for tests.",
                "No packages beyond the framework for the app itself; typed models validate every request."),
        new("json-file-storage", "JSON files for storage", "A preview must run anywhere with no database server.",
            "Each collection lives in memory and is written to a JSON file under DATA_DIR after every change.",
            "Zero setup and readable data; not for several instances at once (see planning/risk.md)."),
        spec.Features.Auth
            ? new("token-authentication", "Password login with bearer tokens", "The request asked for user accounts.",
                "Passwords hashed with PBKDF2-SHA256 (random salt, 100,000 iterations); login returns a random 256-bit token valid 24 hours; every record belongs to its creator.",
                "No secret key to manage; tokens live in memory, so a restart signs everyone out.")
            : new("no-authentication", "No user accounts", "The request did not ask for login.",
                "The API is open to whoever can reach it.", "Simple to use; put it behind a login before exposing it."),
        new("static-frontend", "A static page driven by a schema", "The app needs a UI that uses every endpoint, without a build step.",
            "index.html, its scripts and styles.css read schema.json (the entities, fields and features) and build forms and tables from it.",
            "The UI always matches the API; no node_modules or bundler for the frontend."),
    ];
}
