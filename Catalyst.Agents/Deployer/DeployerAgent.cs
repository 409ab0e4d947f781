using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer.Routing;
using Catalyst.Agents.Docker;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// Deploys the approved commit, exactly the one that was tested and reviewed, as a live preview (process or
/// docker mode), or only writes the deployment files (compose_only). With Catalyst:Git:StorageMode GitHub or
/// Both it first pushes the approved branch and opens its pull request (GitHubPublicationStep). The task ends completed with its preview
/// URL, the test totals and the review score; an app that never answers /health fails the task with its last
/// log lines, and leaves nothing running.
/// </summary>
public sealed class DeployerAgent(
    PreviewManager previews, PreviewAppBuilder builder, DeploymentFiles files, GitHubPublicationStep github,
    IOptions<PreviewOptions> options, IOptions<DockerOptions> docker, IOptions<CatalystOptions> catalyst) : IAgent
{
    public string Name => Actors.Deployer;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.ReviewDecision];
    public TaskState? Phase => TaskState.Deploying;

    public async Task HandleAsync(AgentContext context, AgentEvent decision, CancellationToken ct)
    {
        await github.RunAsync(context, decision, ct); // storage mode GitHub or Both: push and open the pull request first
        var task = context.Task;
        var commit = decision.Commit ?? task.CommitSha ?? throw new InvalidOperationException("The review decision names no commit to deploy.");
        var artifacts = catalyst.Value.ArtifactsFor(task.Id);
        var summary = await ReadJsonAsync(Path.Combine(artifacts, "test-results", "test-summary.json"), ct);
        var stack = (string?)summary?["stack"] ?? "dotnet";
        var project = await context.Db.Projects.Where(p => p.Id == task.ProjectId).Select(p => p.Name).FirstAsync(ct);
        var host = PreviewHosts.HostFor(project, task.Id, options.Value.Routing.Domain);
        var mode = options.Value.Mode;
        context.Progress($"🤖 Deployer: Deploying {commit[..Math.Min(8, commit.Length)]} ({ModeName(mode)} mode)...");

        PreviewDeploymentEntity preview;
        string dockerfile;
        if (mode == PreviewMode.ComposeOnly)
        {
            dockerfile = PreviewDockerfile.For(EntryPoint(stack, Path.Combine(artifacts, "workspace")), BaseImage(stack));
            preview = await previews.RecordWrittenAsync(task.Id, commit, stack, ct);
        }
        else
        {
            var appFolder = Path.Combine(previews.RootFor(task.Id), "app");
            var (app, reused) = await builder.PrepareAsync(task.Id, stack, decision.Repo ?? project, commit, appFolder, line => context.Progress(line), ct);
            if (reused) context.Progress($"♻️ Reusing the Tester's build of {commit[..Math.Min(8, commit.Length)]}: no second restore or build");
            dockerfile = PreviewDockerfile.For(app, BaseImage(stack));
            try
            {
                preview = await previews.DeployAsync(new PreviewRequest(task.Id, project, commit, app), line => context.Progress(line), ct);
            }
            catch (PreviewFailedException failed)
            {
                await files.WriteAsync(DeploymentFolder(artifacts), new(task.Id, project, stack, commit, host, dockerfile, await previews.FindAsync(task.Id, ct)), ct);
                context.Emit(EventTypes.DeployStatus, new JsonObject { ["status"] = "failed", ["reason"] = failed.Message, ["deployment_mode"] = ModeName(mode) });
                context.FailTask($"The preview did not start. {failed.Message}");
                return;
            }
        }

        await files.WriteAsync(DeploymentFolder(artifacts), new(task.Id, project, stack, commit, host, dockerfile, preview), ct);
        var result = Result(preview, summary, decision);
        context.Emit(EventTypes.DeployStatus, new JsonObject
        {
            ["status"] = preview.Status == PreviewStatus.Written ? "written" : "deployed",
            ["preview_url"] = preview.Status == PreviewStatus.Running ? preview.Url : null,
            ["fallback_url"] = preview.DirectUrl,
            ["backend_url"] = preview.DirectUrl is { } direct ? direct + "api" : null,
            ["container_ids"] = new JsonArray([.. new[] { preview.ContainerId }.OfType<string>().Select(id => (JsonNode)id)]),
            ["health"] = preview.Health,
            ["deployment_mode"] = ModeName(mode),
        });
        context.Emit(EventTypes.DeployComplete, new JsonObject
        {
            ["preview_url"] = result["preview_url"]?.DeepClone(),
            ["direct_url"] = preview.DirectUrl,
            ["clean_url"] = preview.CleanUrl,
            ["deployment_mode"] = ModeName(mode),
            ["expires_at"] = preview.ExpiresAt,
            ["tests"] = result["tests"]?.DeepClone(),
            ["review"] = result["review"]?.DeepClone(),
            ["deployment_ref"] = $"artifacts/{task.Id}/deployment",
            // what the offline generator could not build, so the chat's result card says it beside "live"
            ["limitations"] = new JsonArray([.. TaskMetadata.Strings(task, TaskMetadata.Limitations).Select(l => (JsonNode)l)]),
        });
        Announce(context, preview, result);
        TaskMetadata.Set(task, TaskMetadata.Result, result);
        context.CompleteTask(preview.Status == PreviewStatus.Running ? preview.Url : null);
    }

    /// <summary>The chat lines of spec 4.6.</summary>
    void Announce(AgentContext context, PreviewDeploymentEntity preview, JsonObject result)
    {
        if (preview.Status != PreviewStatus.Running)
        {
            context.Progress("📄 Deployment files written (compose_only): nothing was started");
            context.Progress($"📋 Deployment details: artifacts/{context.Task.Id}/deployment/ (run it with DEPLOYMENT.md)");
            return;
        }
        context.Progress("✅ Preview deployment complete!");
        var lines = new List<string> { "🎉 Your app is live!" };
        foreach (var limitation in TaskMetadata.Strings(context.Task, TaskMetadata.Limitations)) lines.Add($"   Not built: {limitation}");
        if (preview.CleanUrl is not null) lines.Add($"   Frontend: {preview.CleanUrl}");
        lines.Add($"   {(preview.CleanUrl is null ? "Frontend" : "Fallback")}: {preview.DirectUrl}");
        lines.Add($"   Backend:  {preview.DirectUrl}api");
        if (result["tests"] is JsonObject tests) lines.Add($"   Tests: {tests["passed"]}/{tests["total"]} passed" + (tests["coverage"] is { } c ? $", coverage {(double)c:P0}" : ""));
        if (result["review"] is JsonObject review) lines.Add($"   Review: {review["score"]}/100");
        context.Progress(string.Join('\n', lines));
        context.Progress($"📋 Deployment details: artifacts/{context.Task.Id}/deployment/");
        context.Progress($"📄 Preview expires in {options.Value.Expiry.TotalHours:0.#} hours");
    }

    /// <summary>What the user gets: the URLs, the measured test totals, the review's score.</summary>
    static JsonObject Result(PreviewDeploymentEntity preview, JsonObject? summary, AgentEvent decision)
    {
        var unit = summary?["unit"] as JsonObject;
        return new JsonObject
        {
            ["preview_url"] = preview.Status == PreviewStatus.Running ? preview.Url : null,
            ["direct_url"] = preview.DirectUrl,
            ["clean_url"] = preview.CleanUrl,
            ["tests"] = unit is null || unit["total"] is null ? null : new JsonObject
            {
                ["total"] = unit["total"]?.DeepClone(), ["passed"] = unit["passed"]?.DeepClone(), ["failed"] = unit["failed"]?.DeepClone(),
                ["skipped"] = unit["skipped"]?.DeepClone(), ["coverage"] = summary?["coverage"]?["line_rate"]?.DeepClone(),
                ["e2e_passed"] = summary?["browser"]?["passed"]?.DeepClone(),
            },
            ["review"] = new JsonObject
            {
                ["score"] = decision.Payload["score"]?.DeepClone(), ["issues"] = decision.Payload["issues"]?.DeepClone(),
                ["blocking_issues"] = decision.Payload["blocking_issues"]?.DeepClone(),
            },
        };
    }

    string BaseImage(string stack) => stack == "node" ? docker.Value.NodeBaseImage : docker.Value.DotnetBaseImage;

    /// <summary>The app's start command without building it (compose_only), from the tested workspace's project.</summary>
    static PreviewApp EntryPoint(string stack, string workspace)
    {
        if (stack == "node") return new PreviewApp("node", workspace, "node", ["src/server.js"]);
        var source = Path.Combine(workspace, "src");
        var project = Directory.Exists(source) ? Directory.GetFiles(source, "*.csproj", SearchOption.AllDirectories).FirstOrDefault() : null;
        return new PreviewApp("dotnet", workspace, "dotnet", [(project is null ? "App" : Path.GetFileNameWithoutExtension(project)) + ".dll"]);
    }

    static string DeploymentFolder(string artifacts) => Path.Combine(artifacts, "deployment");

    static string ModeName(PreviewMode mode) => mode switch { PreviewMode.Docker => "docker", PreviewMode.ComposeOnly => "compose_only", _ => "process" };

    static async Task<JsonObject?> ReadJsonAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path, ct)) as JsonObject : null;
}
