using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Worker.Scripted;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Catalyst.Core.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// The real Api in-process, in either mode. Embedded, it hosts the chosen agents (none, scripted stand-ins,
/// or the product's own); distributed, it only publishes and the agents run in worker processes.
/// </summary>
public enum PipelineAgents
{
    /// <summary>No agent at all: events wait for agents that are not installed.</summary>
    None,
    /// <summary>Scripted stand-ins for all six pipeline agents.</summary>
    Scripted,
    /// <summary>The product's own agents, as embedded mode registers them.</summary>
    Real,
}

public sealed class PipelineApi(
    IReadOnlyDictionary<string, string?> settings, PipelineAgents agents, Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    readonly TestDirectory dataRoot = new("papi");

    public string DataRoot => dataRoot.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Catalyst:DataRoot", dataRoot.Path);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices((context, services) =>
        {
            configureServices?.Invoke(services);
            if (agents == PipelineAgents.Real) return;
            services.RemoveAll<IAgent>();
            if (agents == PipelineAgents.Scripted) services.AddScriptedPipeline(context.Configuration);
        });
    }

    public async Task<Guid> SubmitAsync(string prompt, string? projectName = "pipeline")
    {
        var response = await CreateClient().PostAsJsonAsync("/api/tasks", new { prompt, project_name = projectName });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task_id"]!);
    }

    /// <summary>Polls the task's audit trail until the event shows up or the task fails (then the event is null).</summary>
    public async Task<(JsonObject? Event, string? Failure)> WaitForEventAsync(Guid taskId, string eventType, TimeSpan timeout)
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}"))!.AsArray()
                .Select(e => e!.AsObject()).FirstOrDefault(e => (string?)e["event_type"] == eventType);
            if (found is not null) return (found, null);
            var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}"))!;
            if ((string?)task["status"] == "failed") return (null, (string?)task["failure_reason"]);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {eventType} for task {taskId} within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    public async Task<Guid[]> SubmitManyAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => SubmitAsync($"task {i}")));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) dataRoot.Dispose();
    }
}
