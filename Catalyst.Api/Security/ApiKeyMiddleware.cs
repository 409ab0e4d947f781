using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Catalyst.Api.Security;

/// <summary>
/// Without an API key only loopback callers are served. With one, every request must present it (header or
/// bearer token) or the session cookie a browser gets by opening any page once with ?api_key=... (not the key
/// itself: <see cref="ApiKeyCookie"/>), the UI included:
/// it can submit tasks too; a browser opening a page without it gets a form that asks for it once
/// (<see cref="ApiKeySignInPage"/>). Health probes and static assets stay open.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, ApiKeyCookie cookie, IProblemDetailsService problems)
{
    const string QueryName = "api_key";

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

        if (IsOpen(context.Request.Path) || Matches(Header(context.Request), key.ApiKey!) || cookie.Verifies(context.Request, key.ApiKey!))
        {
            await next(context);
            return;
        }
        if (Matches(context.Request.Query[QueryName].FirstOrDefault(), key.ApiKey!))
        {
            cookie.Issue(context, key.ApiKey!);
            context.Response.Redirect(context.Request.PathBase + context.Request.Path); // drop the key from the address bar
            return;
        }
        if (ApiKeySignInPage.IsWantedBy(context.Request))
        {
            await ApiKeySignInPage.WriteAsync(context, rejected: context.Request.Query.ContainsKey(QueryName));
            return;
        }
        await RejectAsync(context, StatusCodes.Status401Unauthorized, "API key required",
            $"Send the API key in the {ApiKeyOptions.HeaderName} header or as 'Authorization: Bearer <key>'. " +
            $"In a browser, open any page once with ?{QueryName}=<key>; a cookie keeps you signed in.");
    }

    // Null means an in-process caller (the test host); a reverse proxy on this machine also looks local, so
    // expose Catalyst through one only with an API key set.
    static bool IsLoopback(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);

    static bool IsOpen(PathString path) =>
        path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
        || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath)
        || path.StartsWithSegments("/_content")
        || path == "/favicon.svg";

    /// <summary>What identifies the caller: the key it sends, else its session cookie.</summary>
    internal static string? Presented(HttpRequest request) => Header(request) ?? request.Cookies[ApiKeyCookie.Name];

    static string? Header(HttpRequest request)
    {
        if (request.Headers[ApiKeyOptions.HeaderName].FirstOrDefault() is { } header) return header;
        if (request.Headers.Authorization.FirstOrDefault() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return auth["Bearer ".Length..].Trim();
        return null;
    }

    static bool Matches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

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
