using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Catalyst.Api.OpenApi;

/// <summary>
/// The problem+json answers every client must handle, documented where they can happen: the handlers' own
/// <c>ProblemHttpResult</c>s carry no metadata, and the middleware's (key, size, rate) none either.
/// </summary>
sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var responses = operation.Responses ??= [];
        var route = description.RelativePath ?? "";

        // Only when Catalyst:ApiKey is set.
        Add(responses, 401, "API key required",
            "Send the API key in the X-Api-Key header or as 'Authorization: Bearer <key>'. In a browser, open any page once with ?api_key=<key>; a cookie keeps you signed in.");
        if (route.Contains('{'))
            Add(responses, 404, "Not found", "There is no task with id 01a2175d-5e94-710f-82c4-c72270f9c000.");
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body) || operation.RequestBody is not null)
        {
            Add(responses, 400, "Malformed JSON",
                "The request body is not valid JSON: The JSON value could not be converted to System.String. Path: $.prompt | LineNumber: 0 | BytePositionInLine: 11.");
            Add(responses, 413, "Request body too large", "The body is 2,097,152 bytes; the limit is 1,048,576 bytes (Catalyst:Limits:MaxRequestBodyBytes).");
        }
        if (description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
            Add(responses, 429, "Too many requests", "At most 60 new tasks and chat messages per 60 s are accepted from one caller. Try again in 42 s.");
        Add(responses, 503, "Database restarting",
            "The database server stopped and is being restarted. Nothing was saved; try again in 2 s. Tasks in progress resume on their own.");
        return Task.CompletedTask;
    }

    static void Add(OpenApiResponses responses, int status, string title, string detail)
    {
        var key = status.ToString();
        if (responses.TryGetValue(key, out var existing) && existing.Content?.ContainsKey(ProblemJson) == true) return;
        responses[key] = new OpenApiResponse
        {
            Description = title,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Example = Problem(status, title, detail) } },
        };
    }

    static JsonObject Problem(int status, string title, string detail) => new()
    {
        ["type"] = Types[status],
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["trace_id"] = "0af7651916cd43dd8448eb211c80319c",
    };

    // As ASP.NET Core's problem details service fills them in.
    static readonly Dictionary<int, string> Types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [429] = "https://tools.ietf.org/html/rfc6585#section-4",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };
}
