using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// The AppHost for real, in Local mode (the installed servers as executables, on free loopback ports, with a
/// private data folder): every resource healthy, one task through the Api to a preview, every agent step in a
/// worker process, and nothing left running afterwards.
/// </summary>
public sealed class AppHostLocalTests(ITestOutputHelper output)
{
    static readonly string[] AgentSteps = ["planner", "architect", "coder", "tester", "reviewer", "deployer"];
    static readonly TimeSpan BootPatience = TimeSpan.FromMinutes(4);
    static readonly TimeSpan TaskPatience = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_Local_AppHost_boots_healthy_and_a_task_completes_with_every_agent_step_in_a_worker()
    {
        RequireInstalledServers();
        var ct = TestContext.Current.CancellationToken;
        var data = new TestDirectory("apphost");
        var ports = LocalAppHost.FreePorts();
        try
        {
            var args = LocalAppHost.Arguments(data.Path, ports);
            var clock = Stopwatch.StartNew();
            var builder = await DistributedApplicationTestingBuilder.CreateAsync(AppHostWiring.EntryPoint, args, ct);
            await using var app = await builder.BuildAsync(ct);
            var states = await LocalAppHost.StartHealthyAsync(app, BootPatience, ct);
            output.WriteLine($"All resources healthy after {clock.Elapsed.TotalSeconds:F1} s:\n{states}");

            using var http = app.CreateHttpClient("catalyst-api");
            var taskId = await SubmitAsync(http, "hello world", ct);
            try
            {
                var task = await WaitUntilFinishedAsync(http, taskId, ct);
                output.WriteLine($"Task {taskId} {task["status"]} after {clock.Elapsed.TotalSeconds:F1} s in all");
                Assert.True((string?)task["status"] == "completed", $"The task ended {task["status"]}: {task["failure_reason"]}");
                Assert.NotNull((string?)task["preview_url"]);

                var events = (await http.GetFromJsonAsync<JsonArray>($"/api/events/{taskId}", ct))!.Select(e => e!.AsObject()).ToList();
                var steps = events.Where(e => AgentSteps.Contains((string?)e["actor"])).ToList();
                Assert.Equal(AgentSteps.Order(), steps.Select(e => (string)e["actor"]!).Distinct().Order());
                Assert.All(steps, e => Assert.Equal("Catalyst.Agents", (string?)e["metadata"]?["service"]));
                var processes = steps.Select(e => (int)e["metadata"]!["process_id"]!).ToHashSet();
                Assert.InRange(processes.Count, 1, 2);
                Assert.All(processes, pid => Assert.Contains("Catalyst.Agents", File.ReadAllText($"/proc/{pid}/cmdline")));
                output.WriteLine($"{steps.Count} agent events from worker process(es) {string.Join(", ", processes)}");
            }
            finally
            {
                // Previews outlive Catalyst by design; this one must not outlive the test.
                using var stop = await http.DeleteAsync($"/api/preview/{taskId}", CancellationToken.None);
            }
            await app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await AssertNothingLeftRunningAsync(data.Path, ports);
            data.Dispose();
            Assert.False(Directory.Exists(data.Path), $"{data.Path} was not removed");
        }
    }

    static async Task<string> SubmitAsync(HttpClient http, string prompt, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/tasks", new { prompt }, ct);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["task_id"]!;
    }

    static async Task<JsonObject> WaitUntilFinishedAsync(HttpClient http, string taskId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TaskPatience;
        while (true)
        {
            var task = (await http.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}", ct))!;
            if ((string?)task["status"] is "completed" or "failed" or "cancelled") return task;
            Assert.True(DateTime.UtcNow < deadline, $"The task is still {task["status"]} after {TaskPatience.TotalMinutes} min.");
            await Task.Delay(500, ct);
        }
    }

    /// <summary>No process runs from the data folder or on the servers' ports once the AppHost is gone (epmd included).</summary>
    static async Task AssertNothingLeftRunningAsync(string dataDirectory, Dictionary<string, int> ports)
    {
        var markers = new[] { dataDirectory, $"-port {ports["Epmd"]}", $"127.0.0.1:{ports["Redis"]}" };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<string> left;
        while ((left = ProcessesMatching(markers, dataDirectory)).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(500);
        Assert.True(left.Count == 0, "Left running after the AppHost stopped:\n" + string.Join('\n', left));
    }

    static List<string> ProcessesMatching(string[] markers, string dataDirectory)
    {
        var found = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ').Trim();
                var workingDirectory = new FileInfo(Path.Combine(proc, "cwd")).LinkTarget ?? "";
                // The environment too: a build server started by a step keeps the workspace as its HOME or TMPDIR.
                var environment = File.ReadAllText(Path.Combine(proc, "environ"));
                if (markers.Any(commandLine.Contains) || workingDirectory.StartsWith(dataDirectory, StringComparison.Ordinal)
                    || environment.Contains(dataDirectory, StringComparison.Ordinal))
                    found.Add($"{Path.GetFileName(proc)}: {commandLine}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    static void RequireInstalledServers()
    {
        var postgres = Directory.Exists("/usr/lib/postgresql") && Directory.EnumerateFiles("/usr/lib/postgresql", "postgres", SearchOption.AllDirectories).Any();
        if (!postgres) RequiredServer.Unavailable("PostgreSQL", "no server binaries under /usr/lib/postgresql.");
        if (!RabbitMqServer.IsInstalled) RequiredServer.Unavailable("RabbitMQ", $"{RabbitMqServer.ServerScript} is missing.");
        foreach (var program in new[] { "epmd", "redis-server", "caddy" })
            if (!OnPath(program)) RequiredServer.Unavailable(program, "it is not on PATH.");
    }

    static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
