using System.Net;

namespace Catalyst.Api.Security;

/// <summary>
/// What a browser gets instead of a 401 problem when it opens a page without the API key: a form that asks for the
/// key once. It submits to the same address with ?api_key=, which sets the HTTP-only cookie and redirects the key
/// out of the address bar (<see cref="ApiKeyMiddleware"/>).
/// </summary>
public static class ApiKeySignInPage
{
    /// <summary>A page navigation (GET, wants HTML, not the API), as opposed to a script or a client of the API.</summary>
    public static bool IsWantedBy(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static async Task WriteAsync(HttpContext context, bool rejected)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var action = WebUtility.HtmlEncode(context.Request.PathBase + context.Request.Path);
        var error = rejected ? """<p class="error" role="alert">That key is not right. Try again.</p>""" : "";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Catalyst</title>
            <style>
              body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f5f7; color: #1d2330; }
              form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); width: min(24rem, 90vw); }
              label { display: block; margin: 1rem 0 .25rem; } input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }
              button { margin-top: 1rem; padding: .5rem 1.25rem; font: inherit; background: #3f51b5; color: #fff; border: 0; border-radius: 4px; }
              .error { color: #b71c1c; }
            </style></head>
            <body><form method="get" action="{{action}}">
              <h1>Catalyst</h1>
              <p>This Catalyst needs its API key. You are asked once; a cookie keeps you signed in on this browser.</p>
              {{error}}
              <label for="api_key">API key</label>
              <input id="api_key" name="api_key" type="password" autocomplete="current-password" required autofocus>
              <button type="submit">Sign in</button>
            </form></body></html>
            """);
    }
}
