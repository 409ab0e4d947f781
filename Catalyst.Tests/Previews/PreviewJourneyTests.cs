using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Previews;

/// <summary>
/// The product as a user runs it, ending at a live URL: the real Api process in embedded mode, the real agents,
/// previews as processes and clean URLs through a real Caddy. Checked over HTTP only, never by reading files.
/// </summary>
public sealed class PreviewJourneyTests(PostgresServerFixture postgres, CaddyServerFixture caddyFixture)
{
    const string Prompt = "a todo app with user registration and login";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_todo_app_with_login_ends_completed_at_a_preview_that_serves_it_survives_restarts_and_is_deleted_cleanly()
    {
        var caddy = await caddyFixture.GetAsync();
        using var dataRoot = new TestDirectory("journey");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst__DataRoot"] = dataRoot.Path,
            ["Catalyst__Preview__HealthInterval"] = "00:00:00.500",
            ["Catalyst__Preview__StopOnShutdown"] = "true",
            ["Catalyst__Preview__Routing__Provider"] = "Caddy",
            ["Catalyst__Preview__Routing__CaddyAdminUrl"] = caddy.AdminUrl,
            ["Catalyst__Preview__Routing__PublicPort"] = caddy.HttpPort.ToString(),
        };
        foreach (var (key, value) in PreviewPorts.Settings("Catalyst__Preview__")) environment[key] = value;
        using var catalyst = new HttpClient { BaseAddress = url };
        using var browser = LoopbackNames.Client();

        var api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
        try
        {
            await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
            var clock = Stopwatch.StartNew();
            var created = await catalyst.PostAsJsonAsync("/api/tasks", new { prompt = Prompt }, Ct);
            var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;
            var task = await WaitForTaskAsync(catalyst, taskId, api);
            TestContext.Current.SendDiagnosticMessage($"'{Prompt}' completed at a preview in {clock.Elapsed.TotalSeconds:0.0} s");

            Assert.Equal("completed", (string?)task["status"]);
            var previewUrl = new Uri((string)task["preview_url"]!);
            var result = task["result"]!;
            var directUrl = new Uri((string)result["direct_url"]!);
            Assert.True(result["clean_url"] is not null, $"No clean URL; the Api printed:\n{api.Output}");
            Assert.Equal(previewUrl, new Uri((string)result["clean_url"]!));
            Assert.EndsWith(".localhost", previewUrl.Host);
            Assert.True((int)result["tests"]!["passed"]! > 0 && (int)result["tests"]!["failed"]! == 0, result.ToJsonString());
            Assert.True((int)result["review"]!["score"]! >= 75, result.ToJsonString());

            // The direct URL serves the app's page and its API works end to end.
            var page = await browser.GetStringAsync(directUrl, Ct);
            Assert.Contains("app.js", page);
            await TodoApi.RegisterLogInCreateAndListAsync(browser, directUrl, Ct);
            // The clean URL, through Caddy, serves the same page.
            Assert.Equal(page, await browser.GetStringAsync(previewUrl, Ct));
            await ExplorePreviewAsync(catalyst, directUrl);

            var preview = await GetPreviewAsync(catalyst, taskId);
            Assert.Equal(("running", "healthy"), ((string?)preview["status"], (string?)preview["health"]));
            var deployed = JsonNode.Parse(await catalyst.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray()
                .Single(e => (string?)e!["event_type"] == "deploy.complete")!["payload"]!;
            Assert.Equal(previewUrl.ToString(), (string?)deployed["preview_url"]);
            Assert.NotNull(deployed["tests"]?["total"]);
            Assert.NotNull(deployed["review"]?["score"]);
            var feed = await ServerSentEvents.ReadUntilAsync(catalyst, $"/api/events/{taskId}/stream", last: null, TimeSpan.FromSeconds(30));
            var ready = feed.Single(m => m.Type == "preview_ready").Data;
            Assert.Equal((previewUrl.ToString(), directUrl.ToString()), ((string?)ready["preview_url"], (string?)ready["fallback_url"]));
            Assert.Contains(feed, m => m.Type == "agent_log" && (string?)m.Data["agent_name"] == "coder");
            Assert.Equal(("task_complete", "completed"), (feed[^1].Type, (string?)feed[^1].Data["status"]));

            // Catalyst crashes; the preview lives on and the next start adopts it.
            await api.KillAloneAsync();
            await api.DisposeAsync();
            api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
            await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
            preview = await WaitForPreviewAsync(catalyst, taskId, p => p["last_health_check"] is not null && (string?)p["last_health_check"] != (string?)preview["last_health_check"]);
            Assert.Equal(("running", "healthy"), ((string?)preview["status"], (string?)preview["health"]));
            Assert.Contains("Adopted the running preview", api.Output);
            Assert.Equal(page, await browser.GetStringAsync(previewUrl, Ct));

            // Its process dies: the monitor notices and starts it again on its port, by itself.
            KillPreview(preview);
            preview = await WaitForPreviewAsync(catalyst, taskId, p => (string?)p["container_id"] != (string?)preview["container_id"] && (string?)p["health"] == "healthy");
            Assert.Contains($"of the preview of task {taskId} is gone; restarting it (restart 1 of 3)", api.Output);
            Assert.Equal(page, await browser.GetStringAsync(previewUrl, Ct));
            var restarted = await catalyst.PostAsync($"/api/preview/{taskId}/restart", null, Ct);
            Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
            Assert.Equal(page, await browser.GetStringAsync(previewUrl, Ct));

            // Both die while Catalyst is down: the next start finds it gone and brings it back too.
            await api.KillAloneAsync();
            await api.DisposeAsync();
            var beforeRestart = await ReadPreviewDirectlyAsync(restarted);
            KillPreview(beforeRestart);
            api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
            await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
            preview = await WaitForPreviewAsync(catalyst, taskId, p => (string?)p["container_id"] != (string?)beforeRestart["container_id"] && (string?)p["health"] == "healthy");
            Assert.Equal("running", (string?)preview["status"]);
            Assert.Contains($"of the preview of task {taskId} is gone; restarting it (restart 1 of 3)", api.Output);
            Assert.Equal(page, await browser.GetStringAsync(previewUrl, Ct));

            // Deleting it removes the route and frees the port.
            var deleted = await catalyst.DeleteAsync($"/api/preview/{taskId}", Ct);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.Equal("deleted", (string?)JsonNode.Parse(await deleted.Content.ReadAsStringAsync(Ct))!["status"]);
            Assert.Empty(JsonNode.Parse(await catalyst.GetStringAsync("/api/preview", Ct))!.AsArray());
            using var admin = new HttpClient();
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{caddy.AdminUrl.TrimEnd('/')}/id/{(string)preview["name"]!}", Ct)).StatusCode);
            Assert.NotEqual(page, await TryGetAsync(browser, previewUrl));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    static async Task<JsonNode> WaitForTaskAsync(HttpClient catalyst, string taskId, HostProcess api)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (true)
        {
            var task = JsonNode.Parse(await catalyst.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
            if ((string?)task["status"] is "completed" or "failed" or "cancelled") return task;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The task is still {(string?)task["status"]}:\n{api.Output}");
            await Task.Delay(250, Ct);
        }
    }

    static async Task<JsonNode> GetPreviewAsync(HttpClient catalyst, string taskId) =>
        JsonNode.Parse(await catalyst.GetStringAsync($"/api/preview/{taskId}", Ct))!;

    static async Task<JsonNode> WaitForPreviewAsync(HttpClient catalyst, string taskId, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var preview = await GetPreviewAsync(catalyst, taskId);
            if (condition(preview)) return preview;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The preview never got there: {preview.ToJsonString()}");
            await Task.Delay(100, Ct);
        }
    }

    static async Task<JsonNode> ReadPreviewDirectlyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

    /// <summary>Kills the preview's process (its id is "pid:start-time").</summary>
    static void KillPreview(JsonNode preview)
    {
        var pid = int.Parse(((string)preview["container_id"]!).Split(':')[0]);
        using (var process = Process.GetProcessById(pid)) process.Kill();
        // Not our child, so not ours to wait for: watch /proc instead.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ") && DateTime.UtcNow < deadline) Thread.Sleep(20);
    }

    static async Task<string?> TryGetAsync(HttpClient http, Uri url)
    {
        try { return await http.GetStringAsync(url, Ct); }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>The Explorer's deployment scan of the running preview: health, the OpenAPI contract, its endpoints, missing headers.</summary>
    static async Task ExplorePreviewAsync(HttpClient catalyst, Uri preview)
    {
        var refused = await catalyst.PostAsJsonAsync("/api/explorer/scan", new { type = "deployment", target = "http://10.1.2.3/" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var started = await catalyst.PostAsJsonAsync("/api/explorer/scan", new { type = "deployment", target = preview.ToString() }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var scanId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync(Ct))!["scan_id"]!;
        var clock = Stopwatch.StartNew();
        JsonNode scan;
        while ((string?)(scan = JsonNode.Parse(await catalyst.GetStringAsync($"/api/explorer/scans/{scanId}", Ct))!)["status"] is not ("completed" or "failed"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), scan.ToJsonString());
            await Task.Delay(100, Ct);
        }
        TestContext.Current.SendDiagnosticMessage($"Deployment scan of the preview: {scan["duration_seconds"]} s");
        Assert.True((string?)scan["status"] == "completed", scan.ToJsonString());
        var measured = scan["measurements"]!;
        Assert.Equal(200, (int)measured["health"]!["status"]!);
        Assert.EndsWith("/openapi.json", (string?)measured["openapi"]!["url"]);
        Assert.True((int)measured["openapi"]!["operations"]! >= 4, measured.ToJsonString());
        Assert.Contains("Content-Security-Policy", scan.ToJsonString());
        var endpoints = await catalyst.GetStringAsync($"/api/tasks/{scan["task_id"]}/artifacts/explorer/{scanId}/endpoints.json", Ct);
        Assert.Contains("/todos", endpoints);
    }
}
