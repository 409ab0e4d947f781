using Catalyst.Api.Requests;
using Catalyst.Core.Persistence;
using Catalyst.Core.Tasks;
using Npgsql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Catalyst.Api.Extensions;

/// <summary>
/// Turns exceptions into problem+json with a detail a caller can act on. Unexpected errors get a generic
/// message: their text may hold internals (paths, SQL) that must not leak.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, DatabaseAvailability availability, BadRequestProblems badRequests, IOptions<JsonOptions> json,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    // PostgreSQL refuses U+0000 in text (22021) and in jsonb (22P05). Request bodies are checked as they are read
    // (StorableText); text from anywhere else (a scanned file, a model's answer) must not become a 500.
    static readonly string[] UnstorableTextStates = ["22021", "22P05"];

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return true; // the client left
        if (DatabaseOutage.IsOutage(exception)) return await DatabaseAwayAsync(context, exception);

        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } unbound)
            return await RequestProblemAsync(context, exception, badRequests.Describe(context, unbound, json.Value.SerializerOptions));
        if (IsUnstorableText(exception))
            return await RequestProblemAsync(context, exception, new("Invalid text",
                "The request holds a NUL character (\\u0000), which cannot be stored. Remove it and send the request again."));

        var (status, title, detail) = exception switch
        {
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

    async ValueTask<bool> RequestProblemAsync(HttpContext context, Exception exception, RequestProblem problem)
    {
        logger.LogDebug(exception, "{Method} {Path} was refused: {Detail}", context.Request.Method, context.Request.Path, problem.Detail);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var details = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = problem.Title, Detail = problem.Detail },
        };
        if (problem.Errors is { } errors) details.ProblemDetails.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(details);
    }

    static bool IsUnstorableText(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException postgres && UnstorableTextStates.Contains(postgres.SqlState)) return true;
        return false;
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
}
