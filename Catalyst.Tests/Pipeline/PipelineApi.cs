using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Worker.Scripted;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// The real Api in-process, in either mode. Embedded, it also hosts the scripted agents (as the product will
/// host the real ones); distributed, it only publishes and the agents run in worker processes.
/// </summary>
public sealed class PipelineApi(IReadOnlyDictionary<string, string?> settings, bool hostScriptedAgents) : WebApplicationFactory<Program>
{
    readonly TestDirectory dataRoot = new("papi");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Catalyst:DataRoot", dataRoot.Path);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (hostScriptedAgents)
            builder.ConfigureServices((context, services) => services.AddScriptedPipeline(context.Configuration));
    }

    public async Task<Guid> SubmitAsync(string prompt)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/tasks", new { prompt, project_name = "pipeline" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task_id"]!);
    }

    public async Task<Guid[]> SubmitManyAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => SubmitAsync($"task {i}")));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) dataRoot.Dispose();
    }
}
