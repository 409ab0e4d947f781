using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>The archetypes: hello world, counter, calculator, URL shortener here; timer, poll, quiz and kanban in their own files.</summary>
static class DotnetArchetypeFiles
{
    public static string Name(AppKind kind) => kind switch
    {
        AppKind.HelloWorld => "Hello",
        AppKind.Counter => "Counter",
        AppKind.Calculator => "Calculator",
        AppKind.Timer or AppKind.Poll or AppKind.Quiz or AppKind.Kanban => kind.ToString(),
        _ => "Links",
    };

    /// <summary>The archetype's models and endpoints.</summary>
    public static IReadOnlyList<GeneratedFile> Source(AppSpec spec) => spec.Kind switch
    {
        AppKind.Timer => DotnetTimerApp.Source(spec),
        AppKind.Poll => DotnetPollApp.Source(spec),
        AppKind.Quiz => DotnetQuizApp.Source(spec),
        AppKind.Kanban => DotnetKanbanApp.Source(spec),
        _ => [Endpoints(spec)],
    };

    /// <summary>The archetype's own test class, next to AppTests.</summary>
    public static IReadOnlyList<GeneratedFile> Tests(AppSpec spec) => spec.Kind switch
    {
        AppKind.Timer => [DotnetTimerApp.Tests(spec)],
        AppKind.Poll => [DotnetPollApp.Tests(spec)],
        AppKind.Quiz => [DotnetQuizApp.Tests(spec)],
        AppKind.Kanban => [DotnetKanbanApp.Tests(spec)],
        _ => [],
    };

    public static GeneratedFile Endpoints(AppSpec spec)
    {
        var id = spec.Identifier;
        var body = spec.Kind switch
        {
            AppKind.HelloWorld => """
                    public static IEndpointRouteBuilder MapHelloEndpoints(this IEndpointRouteBuilder app)
                    {
                        app.MapGet("/api/hello", (string? name) => name is { Length: > 100 }
                            ? Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name must be at most 100 characters."] })
                            : Results.Ok(new { message = $"Hello, {(string.IsNullOrWhiteSpace(name) ? "World" : name.Trim())}!" }));
                        return app;
                    }
                """,
            AppKind.Counter => """
                    static int value;

                    public static IEndpointRouteBuilder MapCounterEndpoints(this IEndpointRouteBuilder app)
                    {
                        app.MapGet("/api/counter", () => Results.Ok(new { value = Volatile.Read(ref value) }));
                        app.MapPost("/api/counter/increment", () => Results.Ok(new { value = Interlocked.Increment(ref value) }));
                        app.MapPost("/api/counter/decrement", () => Results.Ok(new { value = Interlocked.Decrement(ref value) }));
                        app.MapPost("/api/counter/reset", () =>
                        {
                            Interlocked.Exchange(ref value, 0);
                            return Results.Ok(new { value = 0 });
                        });
                        return app;
                    }
                """,
            AppKind.Calculator => """
                    public sealed record Calculation(double? A, double? B, string? Op);

                    public static IEndpointRouteBuilder MapCalculatorEndpoints(this IEndpointRouteBuilder app)
                    {
                        app.MapPost("/api/calculate", (Calculation input) =>
                        {
                            var errors = new Dictionary<string, string[]>();
                            if (input.A is null) errors["a"] = ["a is required."];
                            if (input.B is null) errors["b"] = ["b is required."];
                            if (input.Op is not ("add" or "subtract" or "multiply" or "divide")) errors["op"] = ["op must be add, subtract, multiply or divide."];
                            else if (input.Op == "divide" && input.B == 0) errors["b"] = ["Cannot divide by zero."];
                            if (errors.Count > 0) return Results.ValidationProblem(errors);
                            var (a, b) = (input.A!.Value, input.B!.Value);
                            var result = input.Op switch { "add" => a + b, "subtract" => a - b, "multiply" => a * b, _ => a / b };
                            return Results.Ok(new { result });
                        });
                        return app;
                    }
                """,
            _ => $$"""
                    public sealed record ShortenRequest(string? Url);

                    public static IEndpointRouteBuilder MapLinksEndpoints(this IEndpointRouteBuilder app)
                    {
                        app.MapPost("/api/links", (ShortenRequest input, HttpRequest request, JsonStore<ShortLink> links) =>
                        {
                            if (!Uri.TryCreate(input.Url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                                return Results.ValidationProblem(new Dictionary<string, string[]> { ["url"] = ["url must be an absolute http or https URL."] });
                            var link = new ShortLink { Id = Guid.NewGuid(), Code = NewCode(links), Url = uri.ToString(), CreatedAt = DateTimeOffset.UtcNow };
                            links.Add(link);
                            return Results.Created($"/r/{link.Code}", View(link, request));
                        });
                        app.MapGet("/api/links", (HttpRequest request, JsonStore<ShortLink> links) =>
                            Results.Ok(links.All().OrderBy(l => l.CreatedAt).Select(l => View(l, request)).ToList()));
                        app.MapGet("/r/{code}", (string code, JsonStore<ShortLink> links) =>
                            links.All().FirstOrDefault(l => l.Code == code) is { } link
                                ? Results.Redirect(link.Url)
                                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no short link '{code}'."));
                        return app;
                    }

                    static object View(ShortLink link, HttpRequest request) =>
                        new { code = link.Code, url = link.Url, shortUrl = $"{request.Scheme}://{request.Host}/r/{link.Code}" };

                    static string NewCode(JsonStore<ShortLink> links)
                    {
                        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
                        while (true)
                        {
                            var code = System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 7);
                            if (!links.All().Any(l => l.Code == code)) return code;
                        }
                    }
                }

                public sealed class ShortLink : IRecord
                {
                    public Guid Id { get; init; }
                    public string Code { get; init; } = "";
                    public string Url { get; init; } = "";
                    public DateTimeOffset CreatedAt { get; init; }
                """,
        };
        return new($"{AppLayout.ProjectDirectory(spec)}/Endpoints/{Name(spec.Kind)}Endpoints.cs", $$"""
            {{(DotnetProjectFiles.UsesStore(spec) ? $"using {id}.Data;\n\n" : "")}}namespace {{id}}.Endpoints;

            /// <summary>{{spec.Description}}</summary>
            public static class {{Name(spec.Kind)}}Endpoints
            {
            {{body}}
            }

            """);
    }
}
