namespace Catalyst.Agents.Understanding;

/// <summary>One HTTP endpoint of a generated app, as the plan and the OpenAPI contract describe it.</summary>
public sealed record ApiEndpoint(string Method, string Path, string Summary, string? Entity = null, string Kind = "")
{
    public bool NeedsAuth { get; init; }
}

/// <summary>The endpoints an app will have (docs/generated-apps.md), derived from its spec.</summary>
public static class ApiSurface
{
    public static IReadOnlyList<ApiEndpoint> Endpoints(AppSpec spec)
    {
        var endpoints = new List<ApiEndpoint> { new("GET", "/health", "Health check", Kind: "health") };
        switch (spec.Kind)
        {
            case AppKind.HelloWorld:
                endpoints.Add(new("GET", "/api/hello", "Greet someone by name", Kind: "hello"));
                return endpoints;
            case AppKind.Counter:
                endpoints.Add(new("GET", "/api/counter", "Read the counter", Kind: "counter"));
                endpoints.AddRange(new[] { "increment", "decrement", "reset" }.Select(a => new ApiEndpoint("POST", $"/api/counter/{a}", $"{char.ToUpperInvariant(a[0])}{a[1..]} the counter", Kind: "counter")));
                return endpoints;
            case AppKind.Calculator:
                endpoints.Add(new("POST", "/api/calculate", "Calculate a op b", Kind: "calculate"));
                return endpoints;
            case AppKind.UrlShortener:
                endpoints.Add(new("POST", "/api/links", "Shorten a URL", Kind: "links"));
                endpoints.Add(new("GET", "/api/links", "List short links", Kind: "links"));
                endpoints.Add(new("GET", "/r/{code}", "Follow a short link", Kind: "redirect"));
                return endpoints;
            case AppKind.Timer or AppKind.Poll or AppKind.Quiz or AppKind.Kanban:
                endpoints.AddRange(ArchetypeCatalog.Endpoints(spec.Kind));
                return endpoints;
        }

        if (spec.Features.Auth)
        {
            endpoints.Add(new("POST", "/api/auth/register", "Register a new user", Kind: "register"));
            endpoints.Add(new("POST", "/api/auth/login", "Log in and receive a token", Kind: "login"));
            endpoints.Add(new("GET", "/api/auth/me", "The signed-in user", Kind: "me") { NeedsAuth = true });
        }
        foreach (var e in spec.Entities)
        {
            var auth = spec.Features.Auth;
            endpoints.Add(new("GET", $"/api/{e.Route}", $"List {e.Label} records", e.Name, "list") { NeedsAuth = auth });
            endpoints.Add(new("POST", $"/api/{e.Route}", $"Create a {e.Label}", e.Name, "create") { NeedsAuth = auth });
            endpoints.Add(new("GET", $"/api/{e.Route}/{{id}}", $"Get one {e.Label}", e.Name, "get") { NeedsAuth = auth });
            endpoints.Add(new("PUT", $"/api/{e.Route}/{{id}}", $"Replace a {e.Label}", e.Name, "update") { NeedsAuth = auth });
            endpoints.Add(new("DELETE", $"/api/{e.Route}/{{id}}", $"Delete a {e.Label}", e.Name, "delete") { NeedsAuth = auth });
            foreach (var total in spec.Features.Aggregates.Where(a => a.Entity == e.Name))
                endpoints.Add(new("GET", $"/api/{e.Route}/totals", $"Total {Field(e, total.SumField).Label} per {Field(e, total.GroupBy).Label}", e.Name, "totals") { NeedsAuth = auth });
        }
        return endpoints;
    }

    static FieldSpec Field(EntitySpec entity, string name) => entity.Fields.First(f => f.Name == name);
}
