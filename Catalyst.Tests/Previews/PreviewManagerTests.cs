using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer;
using Catalyst.Agents.Tester;
using Catalyst.Core.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Previews;

/// <summary>The preview machinery with real processes, real ports and the real monitor, on small apps.</summary>
public sealed class PreviewManagerTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Ten_previews_deployed_at_once_get_ten_distinct_ports_and_all_answer()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres);
        var tasks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => harness.NewTaskAsync()));
        var app = await harness.TinyAppAsync();
        var clock = Stopwatch.StartNew();

        var previews = await Task.WhenAll(tasks.Select(t => harness.DeployAsync(t, app)));
        TestContext.Current.SendDiagnosticMessage($"10 previews healthy in {clock.Elapsed.TotalSeconds:0.0} s");

        var ports = previews.Select(p => p.Port!.Value).ToList();
        Assert.Equal(10, ports.Distinct().Count());
        Assert.Equal(ports.Order(), await harness.LeasedPortsAsync());
        foreach (var preview in previews)
        {
            Assert.Equal((PreviewStatus.Running, PreviewHealth.Healthy), (preview.Status, preview.Health));
            Assert.Equal($"<h1>tiny app on {preview.Port}</h1>", await Http.GetStringAsync(preview.Url, Ct));
        }

        await Task.WhenAll(tasks.Select(t => harness.Manager.DeleteAsync(t, Ct)));
        Assert.Empty(await harness.LeasedPortsAsync());
        foreach (var preview in previews) await AssertRefusedAsync(preview.Port!.Value);
    }

    [Fact]
    public async Task A_port_another_program_holds_is_skipped()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres);
        var task = await harness.NewTaskAsync();
        var first = await harness.DeployAsync(task, await harness.TinyAppAsync());
        await harness.Manager.DeleteAsync(task, Ct);
        using var squatter = new TcpListener(IPAddress.Loopback, first.Port!.Value);
        squatter.Start();

        var second = await harness.DeployAsync(await harness.NewTaskAsync(), await harness.TinyAppAsync());

        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal(PreviewHealth.Healthy, second.Health);
    }

    [Fact]
    public async Task An_app_that_crashes_at_start_fails_with_its_last_log_lines_and_leaves_nothing_running()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres);
        var task = await harness.NewTaskAsync();

        var failure = await Assert.ThrowsAsync<PreviewFailedException>(() => harness.DeployAsync(task, TinyApp.Write(Path.Combine(harness.Work.Path, "crash"), TinyApp.Crashes)));

        Assert.Contains("exited before answering GET /health", failure.Message);
        Assert.Contains("could not open the data file", failure.Message);
        await AssertNothingLeftAsync(harness, task);
    }

    [Fact]
    public async Task An_app_that_never_becomes_healthy_is_stopped_at_the_start_timeout()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres, new Dictionary<string, string?> { ["Catalyst:Preview:StartTimeout"] = "00:00:05" });
        var task = await harness.NewTaskAsync();

        var failure = await Assert.ThrowsAsync<PreviewFailedException>(() => harness.DeployAsync(task, TinyApp.Write(Path.Combine(harness.Work.Path, "sick"), TinyApp.Sick)));

        Assert.Contains("did not answer GET /health within 5 s", failure.Message);
        Assert.Contains("listening on", failure.Message);
        await AssertNothingLeftAsync(harness, task);
    }

    [Fact]
    public async Task An_expired_preview_is_removed_by_the_cleanup_job()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Catalyst:Preview:Expiry"] = "00:00:01",
            ["Catalyst:Preview:CleanupInterval"] = "00:00:00.250",
        });
        var task = await harness.NewTaskAsync();
        var preview = await harness.DeployAsync(task, await harness.TinyAppAsync());

        var expired = await WaitForAsync(harness, task, p => (string?)p["status"] == PreviewStatus.Expired, TimeSpan.FromSeconds(20));

        Assert.NotNull(expired["stopped_at"]);
        await AssertRefusedAsync(preview.Port!.Value);
        Assert.Empty(await harness.LeasedPortsAsync());
        Assert.False(Directory.Exists(harness.Manager.RootFor(task)));
    }

    [Fact]
    public async Task A_killed_preview_is_restarted_on_its_port_by_the_monitor_within_seconds()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres);
        var task = await harness.NewTaskAsync();
        var preview = await harness.DeployAsync(task, await harness.TinyAppAsync());

        var clock = Stopwatch.StartNew();
        KillPreview(preview.ContainerId!);
        var restarted = await WaitForAsync(harness, task, p => (string?)p["container_id"] != preview.ContainerId && (string?)p["health"] == PreviewHealth.Healthy, TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal("running", (string?)restarted["status"]);
        Assert.Equal(preview.Port, (int?)restarted["port"]);
        Assert.Contains("restarted after its process was gone (restart 1 of 3)", (string?)restarted["health_detail"]);
        Assert.Equal($"<h1>tiny app on {preview.Port}</h1>", await Http.GetStringAsync(preview.Url, Ct));
    }

    [Fact]
    public async Task A_preview_that_keeps_dying_is_failed_after_its_restarts_and_gives_up_its_port_and_url()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres, new Dictionary<string, string?> { ["Catalyst:Preview:MaxRestarts"] = "1" });
        var task = await harness.NewTaskAsync();
        var preview = await harness.DeployAsync(task, await harness.TinyAppAsync());
        await SetTaskPreviewUrlAsync(harness, task, preview.Url);

        KillPreview(preview.ContainerId!);
        var restarted = await WaitForAsync(harness, task, p => (string?)p["container_id"] != preview.ContainerId && (string?)p["health"] == PreviewHealth.Healthy, TimeSpan.FromSeconds(30));
        KillPreview((string)restarted["container_id"]!);
        var failed = await WaitForAsync(harness, task, p => (string?)p["status"] == PreviewStatus.Failed, TimeSpan.FromSeconds(30));

        Assert.Contains("restarted 1 times", (string?)failed["failure_reason"]);
        Assert.Empty(await harness.LeasedPortsAsync());
        await AssertRefusedAsync(preview.Port!.Value);
        Assert.Null(await TaskPreviewUrlAsync(harness, task));
    }

    [Fact]
    public async Task Deleting_a_preview_takes_its_url_off_the_task()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres);
        var task = await harness.NewTaskAsync();
        var preview = await harness.DeployAsync(task, await harness.TinyAppAsync());
        await SetTaskPreviewUrlAsync(harness, task, preview.Url);
        Assert.Equal(preview.Url, await TaskPreviewUrlAsync(harness, task));

        Assert.Equal(HttpStatusCode.OK, (await harness.Api.CreateClient().DeleteAsync($"/api/preview/{task}", Ct)).StatusCode);

        Assert.Null(await TaskPreviewUrlAsync(harness, task));
    }

    /// <summary>What the Deployer records on the task when a preview is up.</summary>
    static async Task SetTaskPreviewUrlAsync(PreviewHarness harness, Guid task, string url)
    {
        await using var scope = harness.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Catalyst.Core.Persistence.CatalystDbContext>();
        var entity = await db.Tasks.FirstAsync(t => t.Id == task, Ct);
        entity.PreviewUrl = url;
        await db.SaveChangesAsync(Ct);
    }

    static async Task<string?> TaskPreviewUrlAsync(PreviewHarness harness, Guid task) =>
        (string?)JsonNode.Parse(await harness.Api.CreateClient().GetStringAsync($"/api/tasks/{task}", Ct))!["preview_url"];

    /// <summary>SIGKILL of the preview's recorded process alone, as the kernel's OOM killer or an operator would.</summary>
    static void KillPreview(string runtimeId)
    {
        using var process = Process.GetProcessById(int.Parse(runtimeId.Split(':')[0]));
        process.Kill(entireProcessTree: false);
    }

    [Fact]
    public async Task Unknown_previews_are_404_problems_and_a_deleted_one_cannot_be_restarted()
    {
        await using var harness = await PreviewHarness.StartAsync(postgres);
        var client = harness.Api.CreateClient();
        var unknown = Guid.NewGuid();
        foreach (var response in new[]
        {
            await client.GetAsync($"/api/preview/{unknown}", Ct),
            await client.DeleteAsync($"/api/preview/{unknown}", Ct),
            await client.PostAsync($"/api/preview/{unknown}/restart", null, Ct),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(unknown.ToString(), (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]);
        }

        var task = await harness.NewTaskAsync();
        await harness.DeployAsync(task, await harness.TinyAppAsync());
        Assert.Single(JsonNode.Parse(await client.GetStringAsync("/api/preview", Ct))!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/preview/{task}", Ct)).StatusCode);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/api/preview", Ct))!.AsArray());
        Assert.Single(JsonNode.Parse(await client.GetStringAsync("/api/preview?all=true", Ct))!.AsArray());

        var restart = await client.PostAsync($"/api/preview/{task}/restart", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, restart.StatusCode);
        Assert.Contains("deleted", (string?)JsonNode.Parse(await restart.Content.ReadAsStringAsync(Ct))!["detail"]);
    }

    [Fact]
    public async Task At_start_up_a_preview_that_no_deployment_owns_is_stopped_and_an_owned_one_is_kept()
    {
        // Left behind by a deployment that never committed: a running preview with no task and no row.
        var runtime = new ProcessPreviewRuntime(new ProcessSandbox(new ProcessRunner(), new SandboxOptions()),
            new Catalyst.Agents.Tester.Forwarding.NamespacePortForwarder(Microsoft.Extensions.Logging.Abstractions.NullLogger<Catalyst.Agents.Tester.Forwarding.NamespacePortForwarder>.Instance), Options.Create(new PreviewOptions()));
        var orphanTask = Guid.NewGuid();
        PreviewHandle? orphan = null;
        await using var harness = await PreviewHarness.StartAsync(postgres, beforeStart: async dataRoot =>
        {
            var root = Path.Combine(dataRoot, "previews", orphanTask.ToString());
            Directory.CreateDirectory(root);
            orphan = await runtime.StartAsync(new PreviewLaunch(orphanTask, "preview-orphan", TinyApp.Write(Path.Combine(root, "app")), FreePort.Next(), root,
                new Dictionary<string, string>()), Ct);
            Assert.True(await runtime.IsRunningAsync(orphan, Ct));
        });

        var clock = Stopwatch.StartNew();
        while (await runtime.IsRunningAsync(orphan!, Ct))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the start-up reconcile did not stop the orphan");
            await Task.Delay(100, Ct);
        }

        var owned = await harness.DeployAsync(await harness.NewTaskAsync(), await harness.TinyAppAsync());
        await harness.Manager.ReconcileAsync(Ct);
        Assert.Equal("healthy", (string?)JsonNode.Parse(await Http.GetStringAsync(new Uri(new Uri(owned.Url), "health"), Ct))!["status"]);
    }

    static async Task AssertNothingLeftAsync(PreviewHarness harness, Guid task)
    {
        var preview = await harness.Manager.FindAsync(task, Ct);
        Assert.Equal(PreviewStatus.Failed, preview!.Status);
        Assert.Empty(await harness.LeasedPortsAsync());
        foreach (var handle in await harness.Runtime.ListAsync(harness.Manager.PreviewsRoot, Ct))
            Assert.False(await harness.Runtime.IsRunningAsync(handle, Ct), $"{handle.RuntimeId} still runs");
    }

    static async Task<JsonNode> WaitForAsync(PreviewHarness harness, Guid task, Func<JsonNode, bool> condition, TimeSpan timeout)
    {
        var client = harness.Api.CreateClient();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var preview = JsonNode.Parse(await client.GetStringAsync($"/api/preview/{task}", Ct))!;
            if (condition(preview)) return preview;
            if (clock.Elapsed > timeout) throw new TimeoutException($"The preview never got there: {preview.ToJsonString()}");
            await Task.Delay(100, Ct);
        }
    }

    static async Task AssertRefusedAsync(int port)
    {
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port, Ct).AsTask());
    }
}
