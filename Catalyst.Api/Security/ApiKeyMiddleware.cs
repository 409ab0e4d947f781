using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Catalyst.Api.Security;

/// <summary>
/// Without an API key only loopback callers are served; with one, /api requests must present it.
/// Health endpoints stay open so orchestrators can probe the process.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var key = options.Value;
        if (!key.IsConfigured)
        {
            if (IsLoopback(context.Connection.RemoteIpAddress)) { await next(context); return; }
            await RejectAsync(context, StatusCodes.Status403Forbidden, "Remote access is disabled",
                "This Catalyst instance has no API key, so it only serves this machine. Set Catalyst:ApiKey to allow remote callers.");
            return;
        }

        if (!context.Request.Path.StartsWithSegments("/api") || Presents(context.Request, key.ApiKey!))
        {
            await next(context);
            return;
        }
        await RejectAsync(context, StatusCodes.Status401Unauthorized, "API key required",
            $"Send the API key in the {ApiKeyOptions.HeaderName} header or as 'Authorization: Bearer <key>'.");
    }

    static bool IsLoopback(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);

    static bool Presents(HttpRequest request, string expected)
    {
        var presented = request.Headers[ApiKeyOptions.HeaderName].FirstOrDefault();
        if (presented is null && request.Headers.Authorization.FirstOrDefault() is { } auth
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = auth["Bearer ".Length..].Trim();
        return presented is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }

    async Task RejectAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
