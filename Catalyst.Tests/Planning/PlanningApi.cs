using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Planning;

/// <summary>
/// The real Api in embedded mode with the real Planner, Architect and Coder only (no Tester: these tests are
/// about what gets planned and generated, not about building it), over HTTP, with the projects' git repositories.
/// </summary>
public sealed class PlanningApi : IAsyncDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    readonly PipelineApi api;

    PlanningApi(PipelineApi api) => this.api = api;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A service of the running Api.</summary>
    public T Services<T>() where T : notnull => api.Services.GetRequiredService<T>();

    public static async Task<PlanningApi> StartAsync(PostgresServerFixture postgres, string agents = "planner,architect,coder", Dictionary<string, string?>? extra = null,
        Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Agents:Enabled"] = agents,
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var planning = new PlanningApi(new PipelineApi(settings, PipelineAgents.Real, services));
        planning.Client = planning.api.CreateClient();
        return planning;
    }

    public async Task<JsonObject> SubmitAsync(object request)
    {
        var response = await Client.PostAsJsonAsync("/api/tasks", request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task<JsonObject> WaitForEventAsync(Guid taskId, string eventType)
    {
        var (found, failure) = await api.WaitForEventAsync(taskId, eventType, Patience);
        Assert.True(found is not null, $"task {taskId} failed before {eventType}: {failure}");
        return found;
    }

    public async Task<JsonObject> WaitForStatusAsync(Guid taskId, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var task = JsonNode.Parse(await Client.GetStringAsync($"/api/tasks/{taskId}"))!.AsObject();
            if ((string?)task["status"] == status) return task;
            Assert.True((string?)task["status"] != "failed", $"task {taskId} failed: {task["failure_reason"]}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Task {taskId} is '{task["status"]}', not '{status}', after {Patience.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>The git repository of a project, by name, as the agents wrote it.</summary>
    public async Task<LockedRepository> RepositoryAsync(string projectName) =>
        await new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = api.DataRoot }), Options.Create(new GitOptions()))
            .OpenAsync(Core.Projects.ProjectSlug.From(projectName)!, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await api.DisposeAsync();
}
