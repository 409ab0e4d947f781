using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Persistence;
using Catalyst.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Tests.Previews;

/// <summary>compose_only: the Deployer writes the deployment, starts nothing, and completes the task without a preview URL.</summary>
public sealed class ComposeOnlyTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approval_writes_the_files_starts_nothing_and_completes_the_task()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres, new Dictionary<string, string?> { ["Catalyst:Preview:Mode"] = "ComposeOnly" });
        var taskId = await harness.NewTaskAsync("compose-me");
        await using var scope = harness.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var task = await db.Tasks.SingleAsync(t => t.Id == taskId, Ct);
        task.Status = "deploying";
        var decision = AgentEvent.Create(task.TraceId, taskId, Actors.Reviewer, EventTypes.ReviewDecision,
            new JsonObject { ["decision"] = "approved", ["score"] = 91, ["issues"] = 2 }, DateTimeOffset.UtcNow, "compose-me", "feature/x", "0123456789abcdef0123456789abcdef01234567");
        var deployer = ActivatorUtilities.CreateInstance<DeployerAgent>(scope.ServiceProvider); // the harness runs no agents of its own
        var context = new AgentContext(deployer, decision, task, db, TimeProvider.System, scope.ServiceProvider);

        await deployer.HandleAsync(context, decision, Ct);

        Assert.Equal(("completed", null), (task.Status, task.PreviewUrl));
        var complete = context.Emitted.Single(e => e.EventType == EventTypes.DeployComplete);
        Assert.Equal("compose_only", (string?)complete.Payload["deployment_mode"]);
        Assert.Null(complete.Payload["preview_url"]);
        Assert.Equal(91, (int?)complete.Payload["review"]!["score"]);
        var deployment = Path.Combine(harness.Api.DataRoot, "artifacts", taskId.ToString(), "deployment");
        foreach (var file in new[] { "Dockerfile", "docker-compose.preview.yml", "k8s/deployment.yaml", "k8s/service.yaml", "k8s/ingress.yaml", "k8s/configmap.yaml", "deployment-record.json", "DEPLOYMENT.md" })
            Assert.True(File.Exists(Path.Combine(deployment, file)), file);
        Assert.Empty(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(deployment, "deployment-record.json"), Ct))!["containers"]!.AsArray());
        Assert.Equal(PreviewStatus.Written, (await harness.Manager.FindAsync(taskId, Ct))!.Status);
        Assert.Empty(await harness.LeasedPortsAsync());
        Assert.Empty(await harness.Runtime.ListAsync(harness.Manager.PreviewsRoot, Ct));
    }
}
