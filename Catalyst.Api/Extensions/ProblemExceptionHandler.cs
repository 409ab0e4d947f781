using System.Text.Json;
using Catalyst.Core.Persistence;
using Catalyst.Core.Tasks;
using Npgsql;
using Microsoft.AspNetCore.Diagnostics;

namespace Catalyst.Api.Extensions;

/// <summary>
/// Turns exceptions into problem+json with a detail a caller can act on. Unexpected errors get a generic
/// message: their text may hold internals (paths, SQL) that must not leak.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, DatabaseAvailability availability, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return true; // the client left
        if (DatabaseOutage.IsOutage(exception)) return await DatabaseAwayAsync(context, exception);

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, "Malformed JSON", $"The request body is not valid JSON: {FirstSentence(json.Message)}"),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType =>
                (bad.StatusCode, "Unsupported media type", "Send the request body as application/json."),
            BadHttpRequestException bad =>
                (bad.StatusCode, "Bad request", bad.Message),
            Core.Projects.ProjectNotFoundException missing =>
                (StatusCodes.Status404NotFound, "Project not found", $"{missing.Message} Leave project_id out to start a new project."),
            InvalidTaskTransitionException transition =>
                (StatusCodes.Status409Conflict, "Illegal task transition", transition.Message),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException =>
                (StatusCodes.Status409Conflict, "Changed concurrently", "The task changed while this request was handled (an agent moved it). Read it again and retry."),
            NpgsqlException { IsTransient: true } or TimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                    "The database did not answer in time or is out of connections. Nothing was saved; try again shortly."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error",
                "The server failed to process the request. The error has been logged with the trace id below."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The database server went away under this request (its supervisor restarts an embedded one): a 503 with
    /// Retry-After, and no error line per request; the outage is logged once by whoever watches the server.
    /// </summary>
    async ValueTask<bool> DatabaseAwayAsync(HttpContext context, Exception exception)
    {
        logger.LogDebug(exception, "{Method} {Path} met a database outage", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        DatabaseOutageMiddleware.SetRetryAfter(context.Response, availability.IsAvailable ? TimeSpan.FromSeconds(5) : availability.RetryAfter);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "Database unavailable",
                Detail = "The database server is not answering. Nothing was saved; try again shortly.",
            },
        });
    }

    // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 9." which is useful, but its
    // longer messages can echo type names; keep the first sentence and the position.
    static string FirstSentence(string message) => message.Length <= 300 ? message : message[..300] + "…";
}
