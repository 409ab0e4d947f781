using Catalyst.Web.Components;
using Catalyst.Web.Live;
using Catalyst.Web.TaskPage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Catalyst.Web;

/// <summary>
/// The chat UI: Razor components with interactive server rendering (MudBlazor), hosted by the Api. Pages talk to
/// the in-process services through the circuit; live progress comes from the task feed, never from polling.
/// </summary>
public static class WebExtensions
{
    public static IServiceCollection AddCatalystWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ScopedWork>();
        services.AddScoped<TaskRunFollower>();
        services.AddScoped<TaskPageScripts>();
        services.AddSingleton<TaskReports>();
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
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
