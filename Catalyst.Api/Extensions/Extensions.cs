using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Catalyst.Agents.Deployer;
using Catalyst.Agents.Explorer;
using Catalyst.Api.Explorer;
using Catalyst.Core.Explorer;
using Catalyst.Agents.Hosting;
using Catalyst.Agents.Planner;
using Catalyst.Agents.Understanding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Catalyst.Api.Chat;
using Catalyst.Api.OpenApi;
using Catalyst.Api.Requests;
using Catalyst.Api.Security;
using Catalyst.Api.Tasks;
using Catalyst.Core.Artifacts;
using Catalyst.Core.Caching;
using Catalyst.Core.Configuration;
using Catalyst.Core.Conversations;
using Catalyst.Core.Git;
using Catalyst.Core.Git.GitHub;
using Catalyst.Core.Llm;
using Microsoft.AspNetCore.DataProtection;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;
using Catalyst.Core.Networking;
using Catalyst.Core.Persistence;
using Catalyst.Core.Projects;
using Catalyst.Core.Security.Logging;
using Catalyst.Core.Tasks;
using Catalyst.Core.Tasks.Feed;
using Catalyst.Web;

namespace Catalyst.Api.Extensions;

public static class Extensions
{
    /// <summary>Where the Api listens when neither --urls, ASPNETCORE_URLS nor HTTP_PORTS says.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.ListenByDefaultOn(DefaultUrl);
        builder.Logging.AddSecretRedaction();
        builder.AddCatalystPersistence();
        builder.AddCatalystMessaging(MessagingRole.Api);
        builder.AddCatalystLlm();      // the chat's model and the costs page, in both modes
        if (builder.Configuration.GetValue(CatalystOptions.Section + ":" + nameof(CatalystOptions.Mode), CatalystMode.Embedded) == CatalystMode.Embedded)
            builder.AddCatalystAgents(); // embedded: the agents run in this process

        builder.AddCatalystPreviews(); // the preview endpoints, in both modes
        services.AddExplorerScanners(); // the API vets scan targets with the scanners, in both modes
        builder.AddCatalystCache();    // HybridCache in memory; Redis as its shared L2 when ConnectionStrings:cache is set
        services.AddOptions<GitOptions>().BindConfiguration(GitOptions.Section);
        services.TryAddSingleton<ProjectRepositories>();
        builder.AddCatalystGitHub();  // push and pull requests (Catalyst:GitHub), in both modes
        services.AddSingleton<RepositoryBrowser>();
        services.AddSingleton<RepositoryCatalog>();
        services.AddSingleton<TaskArtifacts>();

        services.AddScoped<ProjectRepository>();
        services.AddScoped<TaskRepository>();
        services.AddScoped<TaskSubmission>();
        services.AddScoped<ExplorerScanRepository>();
        services.AddScoped<ScanSubmissions>();
        services.AddScoped<ConversationRepository>();
        services.AddScoped<ChatService>();
        services.AddScoped<ModelAnswers>();
        services.AddSingleton<Catalyst.Web.Chat.IChatTurns, ChatTurns>();
        services.AddSingleton<Catalyst.Web.Chat.IPlanReview, PlanReview>();
        services.AddSingleton<Catalyst.Web.Live.IPreviewActions, Catalyst.Api.Previews.PreviewActions>();
        services.AddSingleton(ChatVocabulary.Default);
        services.AddSingleton<IntentReader>();
        services.AddSingleton<ChatReplies>();
        services.AddScoped<EventQueries>();
        services.AddScoped<TaskLogQueries>();
        services.AddScoped<TaskCodeQueries>();
        services.AddScoped(sp => new LlmCostQueries(sp.GetRequiredService<CatalystDbContext>(), sp.GetRequiredService<AgentModels>().Enabled));
        services.AddScoped<TaskFeed>();
        services.AddScoped<PlanApprovals>();
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.Section);
        services.TryAddSingleton<RequestParser>();
        services.AddSingleton<IProjectNamer, RequestProjectNamer>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Text PostgreSQL cannot store (U+0000) is refused as the body is read, for every endpoint at once.
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(StorableText.Require);
        });
        // Malformed bodies must reach the problem+json handler instead of becoming an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Complete);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<BadRequestProblems>();
        services.AddSingleton(OpenApiExamples.Default);
        services.AddOpenApi(o => o
            .AddOperationTransformer<ExamplesTransformer>()
            .AddOperationTransformer<ProblemResponsesTransformer>());

        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        services.AddOptions<AllowedOriginsOptions>().BindConfiguration(AllowedOriginsOptions.Section)
            .Validate(AllowedOriginsOptions.AreValid, "Catalyst:AllowedOrigins holds origins such as https://dash.example.com: a scheme, a host, a port, no path.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCookie>();
        services.AddRequestLimits();
        services.AddHostedService<LoopbackBindingGuard>();
        services.AddHostedService<ChatWarmup>();

        // Antiforgery tokens must survive restarts, so the keys live in the data root.
        var catalyst = builder.Configuration.GetSection(CatalystOptions.Section).Get<CatalystOptions>() ?? new CatalystOptions();
        services.AddDataProtection()
            .SetApplicationName("Catalyst")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(catalyst.FullDataRoot, "keys")));

        services.AddCatalystWeb();
        // The UI's assets live in the Catalyst.Web library; outside Development they are only found through the
        // static web assets manifest when the Api runs from its build output rather than a publish folder.
        if (builder is WebApplicationBuilder web)
        {
            web.UseStaticWebAssetsWhenReadable();
            web.AddProblemBodiesToKestrelRejections(); // a path with %00 is refused by Kestrel before any middleware
        }
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseWebSockets(); // after the key check: /ws is covered like every other path
        app.UseMiddleware<OriginCheck>(); // a WebSocket upgrade is recognised once UseWebSockets has run
        app.UseRequestLimits();
        app.UseMiddleware<DatabaseOutageMiddleware>();
        app.UseCatalystWeb();
        return app;
    }
}
