using Catalyst.Web.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Web;

/// <summary>The chat UI: Razor components rendered on the server (static SSR) plus a small script of our own.</summary>
public static class WebExtensions
{
    public static IServiceCollection AddCatalystWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services;
    }

    public static WebApplication UseCatalystWeb(this WebApplication app)
    {
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapCatalystWeb(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
