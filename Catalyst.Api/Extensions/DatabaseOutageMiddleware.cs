using System.Globalization;
using Catalyst.Core.Persistence;
using HostingExtensions = Microsoft.Extensions.Hosting.Extensions;

namespace Catalyst.Api.Extensions;

/// <summary>
/// While the database server is down (its supervisor restarts it), every request but the liveness probe is
/// answered 503 with a Retry-After at once: problem+json for callers, "Unhealthy" for the readiness probe.
/// Nothing is logged per request; the supervisor logs the outage once.
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next, DatabaseAvailability availability, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (availability.IsAvailable || context.Request.Path.StartsWithSegments(HostingExtensions.AlivenessEndpointPath))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        SetRetryAfter(context.Response, availability.RetryAfter);
        if (context.Request.Path.StartsWithSegments(HostingExtensions.HealthEndpointPath))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("Unhealthy", context.RequestAborted);
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database restarting",
                Detail = $"The database server stopped and is being restarted. Nothing was saved; try again in {Seconds(availability.RetryAfter)} s. Tasks in progress resume on their own.",
            },
        });
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan after) =>
        response.Headers.RetryAfter = Seconds(after).ToString(CultureInfo.InvariantCulture);

    static int Seconds(TimeSpan after) => Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
}
