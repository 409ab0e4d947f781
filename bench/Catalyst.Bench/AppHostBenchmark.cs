extern alias apphost;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Catalyst.Tests.AppHost;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Catalyst.Bench;

/// <summary>
/// The AppHost in Local mode with its dashboard, as <c>dotnet run --project Catalyst.AppHost</c> brings it up:
/// time from start to every resource healthy, cold (a new data folder: initdb, a fresh broker) and warm (the
/// same folder again). The first cold boot also runs one task and saves the dashboard's view of its trace.
/// </summary>
static class AppHostBenchmark
{
    static readonly TimeSpan BootPatience = TimeSpan.FromMinutes(5);
    static readonly TimeSpan TaskPatience = TimeSpan.FromMinutes(10);
    static readonly TimeSpan TracePatience = TimeSpan.FromMinutes(2);

    static Type EntryPoint => typeof(apphost::Catalyst.AppHost.Infrastructure.CatalystInfrastructure).Assembly.EntryPoint!.DeclaringType!;

    public static async Task RunAsync(int runs, string screenshot, TextWriter output)
    {
        var cold = new List<double>();
        var warm = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            using var data = new TestDirectory("apphost-bench");
            var ports = LocalAppHost.FreePorts();
            cold.Add(await BootAsync(data.Path, ports, run == 1 ? screenshot : null, output));
            warm.Add(await BootAsync(data.Path, ports, null, output));
            output.WriteLine($"  run {run}: cold {cold[^1]:0.0} s, warm {warm[^1]:0.0} s to all healthy");
        }
        output.WriteLine($"Cold: median {Median(cold):0.0} s (min {cold.Min():0.0}, max {cold.Max():0.0}); " +
            $"warm: median {Median(warm):0.0} s (min {warm.Min():0.0}, max {warm.Max():0.0}); {runs} runs");
    }

    static async Task<double> BootAsync(string dataDirectory, Dictionary<string, int> ports, string? screenshot, TextWriter output)
    {
        using var cancel = new CancellationTokenSource(BootPatience + TaskPatience + TracePatience);
        var ct = cancel.Token;
        string[] args = [.. LocalAppHost.Arguments(dataDirectory, ports), "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true"];
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(EntryPoint, args, (options, _) =>
        {
            options.DisableDashboard = false; // the testing builder turns it off; a user has it
            options.AllowUnsecuredTransport = true;
        }, ct);
        // The resources' own logs stay in the dashboard; the benchmark prints figures.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        await using var app = await builder.BuildAsync(ct);
        await LocalAppHost.StartHealthyAsync(app, BootPatience, ct);
        var healthy = clock.Elapsed.TotalSeconds;

        if (screenshot is not null)
        {
            using var http = app.CreateHttpClient(LocalAppHost.Api);
            var (taskId, traceId) = await SubmitAsync(http, "a todo app with user registration and login", ct);
            try
            {
                var status = await WaitUntilFinishedAsync(http, taskId, ct);
                output.WriteLine($"  task {taskId} {status} after {clock.Elapsed.TotalSeconds:0.0} s; trace {traceId}");
                var dashboard = app.GetEndpoint("aspire-dashboard", "http");
                await ScreenshotTraceAsync(new Uri(dashboard, $"/traces/detail/{traceId}").ToString(), screenshot, ct);
                output.WriteLine($"  dashboard trace view saved to {screenshot}");
            }
            finally
            {
                using var stop = await http.DeleteAsync($"/api/preview/{taskId}", CancellationToken.None);
            }
        }
        await app.StopAsync(CancellationToken.None);
        return healthy;
    }

    static async Task<(string TaskId, string TraceId)> SubmitAsync(HttpClient http, string prompt, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/tasks", new { prompt }, ct);
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        // The task's trace id is the W3C trace id of the request that created it, kept as a Guid.
        return ((string)created["task_id"]!, Guid.Parse((string)created["trace_id"]!).ToString("N"));
    }

    static async Task<string> WaitUntilFinishedAsync(HttpClient http, string taskId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TaskPatience;
        while (true)
        {
            var task = (await http.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}", ct))!;
            var status = (string?)task["status"];
            if (status is "completed" or "failed" or "cancelled") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The task is still {task["status"]} after {TaskPatience.TotalMinutes} min.");
            await Task.Delay(500, ct);
        }
    }

    /// <summary>
    /// The dashboard renders after load (Blazor), and spans arrive in export batches: reload until the trace shows
    /// spans of both the Api and the agents, then capture the page.
    /// </summary>
    static async Task ScreenshotTraceAsync(string url, string path, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = new Catalyst.Agents.Tester.BrowserOptions().ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var deadline = DateTime.UtcNow + TracePatience;
        var lastCount = -1;
        while (true)
        {
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var text = await page.InnerTextAsync("body");
            // The span list is virtualised (only the first rows render): the header's total tells when it is complete.
            var spans = Regex.Match(text, @"Total spans\s+(\d+)") is { Success: true } total ? int.Parse(total.Groups[1].Value) : 0;
            if (spans > 0 && spans == lastCount && text.Contains(LocalAppHost.Api) && text.Contains(LocalAppHost.Agents)) break;
            lastCount = spans;
            if (DateTime.UtcNow > deadline)
            {
                await page.ScreenshotAsync(new() { Path = path });
                throw new TimeoutException($"The dashboard did not show the trace spanning the Api and the agents within {TracePatience.TotalSeconds} s (see {path}).");
            }
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await page.ScreenshotAsync(new() { Path = path });
    }

    static double Median(List<double> values) => Stats.Percentile(values.Order().ToList(), 50);
}
