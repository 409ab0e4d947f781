using System.Text.Json;
using System.Text.Json.Serialization;
using Catalyst.Api.Security;
using Catalyst.Core.Events;
using Catalyst.Core.Persistence;
using Catalyst.Core.Projects;
using Catalyst.Core.Tasks;
using Catalyst.Web;

namespace Catalyst.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddCatalystPersistence();

        services.AddScoped<ProjectRepository>();
        services.AddScoped<TaskRepository>();
        services.AddScoped<EventQueries>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        // Malformed bodies must reach the problem+json handler instead of becoming an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["trace_id"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();

        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        services.AddHostedService<LoopbackBindingGuard>();

        services.AddCatalystWeb();
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseCatalystWeb();
        return app;
    }
}
