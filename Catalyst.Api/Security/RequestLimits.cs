using System.Globalization;
using System.Threading.RateLimiting;
using Catalyst.Api.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Catalyst.Api.Security;

/// <summary>
/// Limits that keep one caller from exhausting the machine: a body size cap on every request, and a rate limit
/// on the endpoints that start work (each task runs builds, tests and a preview). Both answer problem+json.
/// </summary>
public static class RequestLimits
{
    /// <summary>The rate-limiting policy of the endpoints that start work.</summary>
    public const string Submissions = "submissions";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Submissions, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(CallerOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.SubmissionsPerWindow,
                    Window = limits.SubmissionWindow,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                DatabaseOutageMiddleware.SetRetryAfter(response, retryAfter);
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var limits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"At most {limits.SubmissionsPerWindow} new tasks and chat messages per {limits.SubmissionWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s "
                            + $"are accepted from one caller. Try again in {response.Headers.RetryAfter} s.",
                    },
                });
            };
        });
        return services;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var max = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxRequestBodyBytes;
            // The server enforces it while reading a body of unknown length; a declared length is refused at once.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
            if (context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "Request body too large",
                        Detail = $"The body is {context.Request.ContentLength:N0} bytes; the limit is {max:N0} bytes (Catalyst:Limits:MaxRequestBodyBytes).",
                    },
                });
                return;
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A caller is its API key when it presents one (many users behind one proxy), else its address.</summary>
    static string CallerOf(HttpContext context) =>
        ApiKeyMiddleware.Presented(context.Request) is { Length: > 0 } key ? "key:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16]
        : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
}
