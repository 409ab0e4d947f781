using System.Text.Json;
using System.Text.RegularExpressions;
using Catalyst.Api.OpenApi;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Catalyst.Api.Requests;

/// <summary>
/// Turns what the framework throws when it cannot bind a request (an empty body, a string where a number goes, a
/// malformed UUID in the query) into a detail for the person who sent it. The framework's own messages are for
/// developers: they name parameters and .NET types ("Implicit body inferred for parameter "request"",
/// "could not be converted to Catalyst.Api.Apis.PlanApprovalApi+ApprovePlanRequest"), so none is passed on.
/// </summary>
public sealed partial class BadRequestProblems(OpenApiExamples examples)
{
    public RequestProblem Describe(HttpContext context, BadHttpRequestException bad, JsonSerializerOptions json)
    {
        // The exception handler clears the request's endpoint before it runs; the feature keeps the one that threw.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var body = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bad.InnerException is JsonException error) return Describe(error, body, json);

        if (NotBound().Match(bad.Message) is { Success: true } notBound)
            return new("Invalid parameter", $"The parameter \"{notBound.Groups["name"].Value}\" cannot be \"{notBound.Groups["value"].Value}\"; it must be {Kind(notBound.Groups["type"].Value)}.",
                notBound.Groups["name"].Value);
        if (NotProvided().Match(bad.Message) is { Success: true } missing && !missing.Groups["source"].Value.Contains("body"))
            return new("Missing parameter", $"The parameter \"{missing.Groups["name"].Value}\" is required.", missing.Groups["name"].Value);
        if (body is not null && (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) || NotProvided().IsMatch(bad.Message)))
            return new("Request body required", EmptyBody(body));
        // Kestrel's own (a body cut short, too large) say what happened and name nothing internal.
        return new("Bad request", TypeName().IsMatch(bad.Message) ? "The request could not be read. The API is described at /openapi/v1.json." : bad.Message);
    }

    RequestProblem Describe(JsonException error, Type? body, JsonSerializerOptions json)
    {
        var field = JsonShapes.FieldOf(error.Path);
        if (error is NulCharacterRejected nul)
        {
            var at = (field is null ? nul.Field : $"{field}.{nul.Field}").Replace("\0", "\\u0000");
            return new("Invalid text", $"The field \"{at}\" contains a NUL character (\\u0000), which cannot be stored. Remove it and send the request again.", at);
        }
        // Broken syntax comes from the reader (its own subclass, wrapped with the path); the rest is a value of the wrong kind.
        if (error.GetType() != typeof(JsonException) || error.InnerException is JsonException)
            return new("Malformed JSON", $"The request body is not valid JSON: {Shorten(error.Message)}");

        var expected = body is null ? null : JsonShapes.TypeAt(body, error.Path, json);
        if (expected is null) return new("Invalid request body", "The request body does not have the shape this endpoint expects. The API is described at /openapi/v1.json.", field);
        var shape = JsonShapes.Describe(expected, json);
        return field is null
            ? new("Invalid request body", $"The request body must be {shape}.")
            : new("Invalid request body", $"The field \"{field}\" must be {shape}.", field);
    }

    /// <summary>"The request body is empty; send a JSON object with a "prompt"": the text fields of the body's example.</summary>
    string EmptyBody(Type body)
    {
        var fields = (examples.For(body) as System.Text.Json.Nodes.JsonObject)?
            .Where(p => p.Value?.GetValueKind() == JsonValueKind.String).Select(p => $"\"{p.Key}\"").ToList() ?? [];
        return fields.Count switch
        {
            0 => "The request body is empty; send a JSON object. The API is described at /openapi/v1.json.",
            1 => $"The request body is empty; send a JSON object with a {fields[0]}.",
            _ => $"The request body is empty; send a JSON object with {string.Join(", ", fields[..^1])} and {fields[^1]}.",
        };
    }

    static string Kind(string type) => type switch
    {
        _ when type.Contains("Guid") => "a UUID",
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long") => "a whole number",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("DateTime") => "a date and time",
        _ => "a value of the documented kind",
    };

    // Its position ("Path: $.x | LineNumber: 0 | BytePositionInLine: 9.") helps; a long message is cut.
    static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "…";

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex NotBound();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>.+)\.$""")]
    private static partial Regex NotProvided();

    // A dotted .NET name (System.String, Catalyst.Api.Apis.X+Y) or a parameter quoted with its type.
    [GeneratedRegex("""\b[A-Z]\w*\.[A-Z]\w*|parameter "|\+[A-Z]""")]
    private static partial Regex TypeName();
}
