using Catalyst.Api.Apis;
using Catalyst.Api.Extensions;
using Catalyst.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApplicationPipeline();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapTasksApi();
app.MapChatApi();
app.MapConversationsApi();
app.MapTaskArtifactsApi();
app.MapPlanApprovalApi();
app.MapEventsApi();
app.MapTaskFeedApi();
app.MapProjectsApi();
app.MapDeadLettersApi();
app.MapCostsApi();
app.MapPreviewsApi();
app.MapExplorerApi();
app.MapGitRepositoriesApi();
app.MapGitApi();
app.MapTaskDiffApi();
app.MapGitHubApi();
app.MapCatalystWeb();

app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
