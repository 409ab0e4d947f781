using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Git;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Bench;

/// <summary>
/// The whole journey as a user lives it, from POST /api/tasks to a healthy preview, in embedded mode (the real
/// Api process, its own database, the real agents), with the time of every step read back from the task's
/// events and the Tester's summary. In the same run, the physical floor: the generated app's own restore +
/// build + test, run by hand on a clean copy of the tested workspace with the same warm NuGet cache.
/// </summary>
public static class DeployBenchmark
{
    public const string Prompt = "a todo app with user registration and login";

    public sealed record Journey(double Total, IReadOnlyDictionary<string, double> Steps, string Workspace);

    /// <summary>Runs <paramref name="runs"/> tasks one after another on one Api; <paramref name="settings"/> picks the preview mode.</summary>
    public static async Task<IReadOnlyList<Journey>> RunAsync(int runs, IReadOnlyDictionary<string, string?> settings, string dataRoot)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>(settings) { ["Catalyst__DataRoot"] = dataRoot, ["Catalyst__Preview__StopOnShutdown"] = "true" };
        await using var api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(120), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = url };

        var journeys = new List<Journey>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var created = await http.PostAsJsonAsync("/api/tasks", new { prompt = Prompt, project_name = $"bench-{run}" });
            var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["task_id"]!;
            while (true)
            {
                var task = JsonNode.Parse(await http.GetStringAsync($"/api/tasks/{taskId}"))!;
                var status = (string?)task["status"];
                if (status == "completed") break;
                if (status is "failed" or "cancelled") throw new InvalidOperationException($"The task {status}: {(string?)task["failure_reason"]}");
                await Task.Delay(50);
            }
            var total = clock.Elapsed.TotalSeconds;
            journeys.Add(new Journey(total, await StepsAsync(http, taskId, dataRoot), Path.Combine(dataRoot, "artifacts", taskId, "workspace")));
        }
        return journeys;
    }

    /// <summary>Where the time went: each agent's hop from its event's timestamps, the Tester's steps from its summary.</summary>
    static async Task<IReadOnlyDictionary<string, double>> StepsAsync(HttpClient http, string taskId, string dataRoot)
    {
        var events = JsonNode.Parse(await http.GetStringAsync($"/api/events/{taskId}"))!.AsArray()
            .Where(e => (string?)e!["event_type"] != "task.progress")
            .GroupBy(e => (string)e!["event_type"]!).ToDictionary(g => g.Key, g => DateTimeOffset.Parse((string)g.First()!["timestamp"]!));
        double Between(string from, string to) => (events[to] - events[from]).TotalSeconds;
        var steps = new Dictionary<string, double>
        {
            ["planner"] = Between("task.initiated", "plan.created"),
            ["architect"] = Between("plan.created", "architecture.proposed"),
            ["coder"] = Between("architecture.proposed", "code.pr.opened"),
            ["tester"] = Between("code.pr.opened", "test.results"),
            ["reviewer"] = Between("test.results", "review.decision"),
            ["deployer"] = Between("review.decision", "deploy.complete"),
        };
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataRoot, "artifacts", taskId, "test-results", "test-summary.json")))!;
        foreach (var step in summary["steps"]!.AsArray())
            steps[$"  tester {(string)step!["name"]!}"] = (long)step["duration_ms"]! / 1000.0;
        return steps;
    }

    /// <summary>The app's own restore + build + test on a clean copy of the tested workspace: the floor a journey cannot beat.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> FloorAsync(string workspace)
    {
        using var copy = new TestDirectory("bench-floor");
        var runner = new ProcessRunner();
        await GitWorkspace.CloneAtCommitAsync(workspace, GitWorkspace.HeadOf(workspace)!, copy.Path + "/app", CancellationToken.None);
        var app = Path.Combine(copy.Path, "app");
        var solution = Directory.GetFiles(app, "*.slnx").Select(Path.GetFileName).First()!;
        var parts = new Dictionary<string, double>();
        foreach (var (name, arguments) in new (string, string[])[]
        {
            ("restore", ["restore", solution]),
            ("build", ["build", solution, "--no-restore", "--nologo"]),
            ("test", ["test", solution, "--no-build", "--nologo"]),
        })
        {
            var spec = new ProcessSpec("dotnet", arguments) { WorkingDirectory = app, Timeout = TimeSpan.FromMinutes(5) };
            var result = await runner.RunAsync(spec, CancellationToken.None);
            result.EnsureSuccess(spec);
            parts[name] = result.Duration.TotalSeconds;
        }
        parts["total"] = parts.Values.Sum();
        return parts;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
