using System.Diagnostics;
using Catalyst.Core.Security;

namespace Catalyst.Api.Extensions;

/// <summary>
/// Every problem response carries a trace id and a detail. Responses produced by the framework itself
/// (unknown routes, wrong content type, wrong method) come without one, so a helpful default is filled in.
/// </summary>
public static class ProblemDefaults
{
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Extensions["trace_id"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {request.Method} {request.Path}. The API is described at /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
            _ => null,
        };
        // A detail can quote what the caller sent or what a server answered; neither may carry a credential out.
        if (problem.Detail is not null) problem.Detail = SecretRedactor.Redact(problem.Detail);
    }
}
