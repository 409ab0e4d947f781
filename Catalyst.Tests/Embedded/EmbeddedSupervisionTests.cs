using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Previews;

namespace Catalyst.Tests.Embedded;

/// <summary>
/// The embedded PostgreSQL is supervised: the real Api process in embedded mode, its own server killed behind
/// its back mid-pipeline, as a crash or an out-of-memory kill would.
/// </summary>
public sealed class EmbeddedSupervisionTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_embedded_PostgreSQL_is_restarted_the_Api_answers_503_meanwhile_and_the_task_completes()
    {
        if (PostgresBinaries.Find() is null) RequiredServer.Unavailable("PostgreSQL", "initdb/pg_ctl were not found.");
        using var dataRoot = new TestDirectory("supervised");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            ["Catalyst__DataRoot"] = dataRoot.Path,
            ["Catalyst__Preview__StopOnShutdown"] = "true",
            // A slower watch than the default widens the outage, so requests meet it both before and after it is seen.
            ["Catalyst__Postgres__WatchInterval"] = "00:00:02",
        };
        foreach (var (key, value) in PreviewPorts.Settings("Catalyst__Preview__")) environment[key] = value;
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

        await using var api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
        var created = await http.PostAsJsonAsync("/api/tasks", new { prompt = "hello world" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;

        // Mid-pipeline: as soon as an agent has picked the task up.
        var killedIn = await WaitForStatusAsync(http, api, taskId, s => s is not "queued", TimeSpan.FromSeconds(60));
        var postmaster = PostmasterPid(dataRoot);
        using (var server = Process.GetProcessById(postmaster)) server.Kill();
        var clock = Stopwatch.StartNew();

        // While it is down: 503 problem+json with Retry-After, and an unhealthy readiness probe.
        var unavailable = 0;
        HttpResponseMessage? refused = null;
        HttpStatusCode health = default;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var response = await http.GetAsync($"/api/tasks/{taskId}", Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // A pooled connection's backend can answer for a moment after its postmaster died: the outage
                // has not reached the Api yet, unless it already answered 503 (then this is the restart).
                if (unavailable > 0) break;
                await Task.Delay(20, Ct);
                continue;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            unavailable++;
            refused = response;
            if (unavailable == 5) health = (await http.GetAsync("/health", Ct)).StatusCode;
            await Task.Delay(50, Ct);
        }
        TestContext.Current.SendDiagnosticMessage(
            $"Killed PostgreSQL (pid {postmaster}) while the task was {killedIn}; answered 503 {unavailable} times, back after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(unavailable >= 5, $"Only {unavailable} request(s) met the outage:\n{api.Output}");
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health);

        // Restarted: a new server, healthy again, and the task goes on to its preview.
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(60), Ct);
        Assert.NotEqual(postmaster, PostmasterPid(dataRoot));
        var final = await WaitForStatusAsync(http, api, taskId, s => s is "completed" or "failed" or "cancelled", TimeSpan.FromMinutes(6));
        var task = JsonNode.Parse(await http.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.True(final == "completed", $"The task ended {final}: {task["failure_reason"]}\n{api.Output}");
        Assert.NotNull((string?)task["preview_url"]);

        // One outage, told once: not one line per request or per retry.
        var output = api.Output;
        Assert.Equal(1, Regex.Count(output, "embedded PostgreSQL server .* is not running; restarting it"));
        Assert.Equal(1, Regex.Count(output, "embedded PostgreSQL server is back after"));
        Assert.DoesNotContain("Unhandled error on", output);
        Assert.DoesNotContain("dead-lettering", output);
    }

    static int PostmasterPid(TestDirectory dataRoot) =>
        int.Parse(File.ReadLines(Path.Combine(dataRoot.Path, "postgres", "data", "postmaster.pid")).First());

    static async Task<string> WaitForStatusAsync(HttpClient http, HostProcess api, string taskId, Func<string, bool> reached, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < timeout)
        {
            var response = await http.GetAsync($"/api/tasks/{taskId}", Ct);
            if (response.IsSuccessStatusCode)
            {
                status = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["status"];
                if (status is not null && reached(status)) return status;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"Task {taskId} is still {status ?? "unknown"} after {timeout.TotalSeconds:0} s:\n{api.Output}");
    }
}
