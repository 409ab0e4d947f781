using Microsoft.Extensions.Options;

namespace Catalyst.Api.Security;

/// <summary>
/// Browsers send cookies and open WebSockets across origins: a generated app's preview, on another port of the same
/// host (the same site to SameSite), could otherwise follow any task's feed over /ws/{task}, which CORS does not
/// guard. A WebSocket upgrade, or a state-changing request without an explicit key header, that carries an Origin
/// must come from the Api's own origin (scheme, host and port of the request) or a configured one: else 403.
/// Requests without an Origin (curl, the CLI, server-side clients) are not a browser's and pass.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptionsMonitor<AllowedOriginsOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Origin.FirstOrDefault() is not { } origin || !Guarded(context) || IsAllowed(origin, request))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Origin not allowed",
                Detail = $"Requests from pages at {origin} are refused. Open Catalyst itself, or add the origin to Catalyst:AllowedOrigins.",
            },
        });
    }

    // Reads are guarded by CORS (a cross-origin script cannot read the answer); WebSockets and writes are not.
    static bool Guarded(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && !context.Request.Headers.ContainsKey(ApiKeyOptions.HeaderName) && !context.Request.Headers.ContainsKey("Authorization"));

    bool IsAllowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from)) return false; // "null" (sandboxed frames, files) included
        if (Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var self) && SameOrigin(from, self)) return true;
        if (Forwarded.Scheme(request) is { } scheme && Uri.TryCreate($"{scheme}://{request.Host.Value}", UriKind.Absolute, out var proxied)
            && SameOrigin(from, proxied)) return true;
        return options.CurrentValue.AllowedOrigins.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var allowed) && SameOrigin(from, allowed));
    }

    static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
