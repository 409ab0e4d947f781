using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Networking;
using Catalyst.Core.Processes;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Tester;

/// <summary>
/// Checks the task branch out into a fresh workspace under the task's artifacts, restores, builds and runs the
/// generated tests in the sandbox, reads the runner's own report and coverage, scans for secrets, lists the
/// dependencies, and writes test-results/ (raw reports, logs, test-summary.json). Every number it reports
/// was measured in this run.
/// </summary>
public sealed class TesterAgent(
    ISandbox sandbox, BrowserCheck browser, IOptions<CatalystOptions> catalyst, IOptions<TesterOptions> options) : IAgent
{
    public string Name => Actors.Tester;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.CodePrOpened];
    public TaskState? Phase => TaskState.Testing;

    public async Task HandleAsync(AgentContext context, AgentEvent opened, CancellationToken ct)
    {
        var taskRoot = catalyst.Value.ArtifactsFor(context.Task.Id);
        var workspace = Path.Combine(taskRoot, "workspace");
        var results = Path.Combine(taskRoot, "test-results");
        foreach (var dir in new[] { workspace, results }) if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(Path.Combine(results, "logs"));
        Directory.CreateDirectory(Path.Combine(results, "backend"));

        var branch = (string)opened.Payload["branch"]!;
        var stack = (string?)opened.Payload["stack"] ?? "dotnet";
        context.Progress($"🧪 Checking out {branch} into a fresh workspace...");
        await GitWorkspace.CloneBranchAsync((string)opened.Payload["local_repo"]!, branch, workspace, ct);

        var clock = Stopwatch.StartNew();
        var (steps, allSucceeded, testRun, buildErrors, browserRun) = await RunStepsAsync(context, stack, workspace, results, ct);
        var testing = clock.Elapsed;

        var report = ReadReport(stack, workspace, results);
        var coverage = ReadCoverage(stack, workspace, results, testRun);
        var secrets = SecretScanner.Scan(workspace);
        var dependencies = DependencyList.Read(workspace);
        var unitPassed = allSucceeded && report is { Failed: 0, Total: > 0 };
        var e2e = ReportBrowserRun(context, browserRun, steps);
        var passed = unitPassed && ((bool)e2e["passed"]! || browser.Unavailable is not null);

        var summary = new JsonObject
        {
            ["task_id"] = context.Task.Id,
            ["branch"] = branch,
            ["commit"] = opened.Commit,
            ["stack"] = stack,
            ["status"] = passed ? "passed" : "failed",
            ["fix_round"] = opened.FixRound,
            ["steps"] = steps,
            ["build_errors"] = new JsonArray([.. buildErrors.Select(e => (JsonNode)new JsonObject { ["file"] = e.File, ["line"] = e.Line, ["code"] = e.Code, ["message"] = e.Message })]),
            ["unit"] = report is null ? new JsonObject { ["status"] = "not_run", ["reason"] = "the test runner wrote no report (see logs/)" } : new JsonObject
            {
                ["total"] = report.Total, ["passed"] = report.Passed, ["failed"] = report.Failed, ["skipped"] = report.Skipped,
                ["duration_ms"] = (long)report.Duration.TotalMilliseconds,
                ["failures"] = new JsonArray([.. report.Failures.Select(f => (JsonNode)new JsonObject { ["test"] = f.Name, ["message"] = f.Message })]),
            },
            ["timed_out"] = testRun?.TimedOut ?? false,
            ["browser"] = e2e,
            ["coverage"] = coverage is null ? new JsonObject { ["status"] = "not_measured" } : new JsonObject { ["line_rate"] = Math.Round(coverage.Value, 4) },
            ["security"] = new JsonObject
            {
                ["secrets"] = new JsonArray([.. secrets.Select(s => (JsonNode)new JsonObject { ["file"] = s.File, ["line"] = s.Line, ["rule"] = s.Rule, ["severity"] = s.Severity, ["message"] = s.Message })]),
                ["dependencies"] = new JsonArray([.. dependencies.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["version"] = d.Version, ["declared_in"] = d.Source })]),
                ["vulnerability_scan"] = new JsonObject { ["status"] = "not_run", ["reason"] = "no vulnerability advisory source is reachable from this machine" },
            },
        };
        SpecSummary.AddTo(summary, report, coverage, steps, secrets, passed, testing);
        await File.WriteAllTextAsync(Path.Combine(results, "test-summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);

        context.Progress(report is null
            ? "❌ No test report was produced"
            : $"{(passed ? "✅" : "❌")} Tests: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped" + (coverage is null ? "" : $"; line coverage {coverage.Value:P0}"),
            passed ? "info" : "error");
        foreach (var failure in report?.Failures.Take(5) ?? []) context.Progress($"❌ {failure.Name}: {failure.Message}", "error");
        foreach (var error in buildErrors.Take(5)) context.Progress($"❌ {error.Code} {error.File}:{error.Line}: {error.Message}", "error");
        foreach (var secret in secrets) context.Progress($"🔐 {secret.Severity}: {secret.Message} ({secret.File}:{secret.Line})", "warning");

        context.Emit(EventTypes.TestResults, new JsonObject
        {
            ["passed"] = passed,
            ["fix_round"] = opened.FixRound,
            ["total"] = report?.Total, ["failed"] = report?.Failed, ["skipped"] = report?.Skipped,
            ["coverage"] = coverage is null ? null : Math.Round(coverage.Value, 4),
            ["timed_out"] = testRun?.TimedOut ?? false,
            ["e2e_passed"] = (bool)e2e["passed"]!,
            ["critical_security_findings"] = secrets.Count(s => s.Severity == "critical"),
            ["summary_ref"] = $"artifacts/{context.Task.Id}/test-results/test-summary.json",
        });
    }

    /// <summary>
    /// Restore, build and test in the sandbox, each timed and logged; the first failed step ends the run. The
    /// browser check needs only the built app, so it runs beside the unit tests rather than after them.
    /// </summary>
    async Task<(JsonArray Steps, bool Succeeded, ProcessResult? TestRun, IReadOnlyList<BuildError> BuildErrors, BrowserRun? Browser)> RunStepsAsync(
        AgentContext context, string stack, string workspace, string results, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(workspace, TestSteps.ResultsFolder)); // runners write reports, not folders
        var steps = new JsonArray();
        ProcessResult? testRun = null;
        IReadOnlyList<BuildError> buildErrors = [];
        Task<BrowserRun>? browserRun = null;
        foreach (var step in TestSteps.For(stack, workspace, options.Value))
        {
            if (step.Name == "test" && browser.Unavailable is null)
            {
                context.Progress("🌐 Starting the app and checking it in a browser, beside the unit tests...");
                browserRun = CheckInBrowserAsync(stack, workspace, results, ct);
            }
            context.Progress($"🧪 {step.Name}: {step.Command.FileName} {string.Join(' ', step.Command.Arguments.Take(2))}...");
            var result = await sandbox.RunAsync(workspace, step.Command, ct);
            await File.WriteAllTextAsync(Path.Combine(results, "logs", $"{step.Name}.log"), result.StandardOutput + result.StandardError, ct);
            steps.Add(new JsonObject
            {
                ["name"] = step.Name, ["duration_ms"] = (long)result.Duration.TotalMilliseconds, ["exit_code"] = result.ExitCode, ["timed_out"] = result.TimedOut,
            });
            context.Progress(result.TimedOut
                ? $"⏱️ {step.Name} did not finish within {step.Command.Timeout.TotalSeconds:0} s and was stopped"
                : $"{(result.Succeeded ? "✅" : "❌")} {step.Name} took {result.Duration.TotalSeconds:0.0} s", result.Succeeded ? "info" : "error");
            if (step.Name == "test") testRun = result;
            if (result.Succeeded) continue;
            if (step.Name == "build") buildErrors = BuildErrors.Parse(result.StandardOutput + result.StandardError, workspace);
            return (steps, false, testRun, buildErrors, browserRun is null ? null : await browserRun);
        }
        return (steps, true, testRun, buildErrors, browserRun is null ? null : await browserRun);
    }

    /// <summary>The browser check's outcome and how long it took (it reports nothing itself: it runs beside the test step).</summary>
    sealed record BrowserRun(JsonObject Result, TimeSpan Duration);

    /// <summary>The end-to-end step, timed into <paramref name="steps"/>; without Chromium or a built app it is reported as not run.</summary>
    JsonObject ReportBrowserRun(AgentContext context, BrowserRun? run, JsonArray steps)
    {
        if (browser.Unavailable is { } noBrowser)
        {
            // Not measured is not failed: say so loudly instead of blocking every task on a missing browser.
            context.Progress($"⚠️ End-to-end check not run: {noBrowser}", "warning");
            return new JsonObject { ["status"] = "not_run", ["reason"] = noBrowser, ["passed"] = false };
        }
        if (run is null) return new JsonObject { ["status"] = "not_run", ["reason"] = "the restore or the build did not pass", ["passed"] = false };
        var passed = (bool)run.Result["passed"]!;
        steps.Add(new JsonObject { ["name"] = "e2e", ["duration_ms"] = (long)run.Duration.TotalMilliseconds, ["passed"] = passed });
        context.Progress(passed
            ? $"✅ End-to-end: {(string?)run.Result["description"]} ({run.Duration.TotalSeconds:0.0} s)"
            : $"❌ End-to-end failed: {(string?)run.Result["error"]}", passed ? "info" : "error");
        return run.Result;
    }

    async Task<BrowserRun> CheckInBrowserAsync(string stack, string workspace, string results, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var result = await EndToEndAsync(stack, workspace, results, ct);
        return new BrowserRun(result, clock.Elapsed);
    }

    /// <summary>Runs the built app on a free port, waits for /health, and drives its page in Chromium.</summary>
    async Task<JsonObject> EndToEndAsync(string stack, string workspace, string results, CancellationToken ct)
    {
        var port = LoopbackPort.Free();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var e2eDirectory = Directory.CreateDirectory(Path.Combine(results, "e2e")).FullName;
        var screenshot = Path.Combine(e2eDirectory, "screenshot.png");
        SandboxCommand command;
        string schemaPath;
        if (stack == "node")
        {
            command = new("node", ["src/server.js"], options.Value.TestTimeout);
            schemaPath = Path.Combine(workspace, "public", "schema.json");
        }
        else
        {
            var project = Directory.GetFiles(Path.Combine(workspace, "src"), "*.csproj", SearchOption.AllDirectories).Single();
            var name = Path.GetFileNameWithoutExtension(project);
            var dll = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(project)!, "bin"), name + ".dll", SearchOption.AllDirectories).First();
            command = new("dotnet", [dll], options.Value.TestTimeout);
            schemaPath = Path.Combine(Path.GetDirectoryName(project)!, "wwwroot", "schema.json");
        }
        command = command with
        {
            Environment = new Dictionary<string, string>
            {
                ["PORT"] = port.ToString(), ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'), ["DATA_DIR"] = Path.Combine(workspace, ".e2e-data"),
                ["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(schemaPath) is { } wwwroot && stack != "node" ? Path.GetDirectoryName(wwwroot)! : workspace,
            },
        };

        await using var app = await sandbox.StartAsync(workspace, command, Path.Combine(results, "logs", "app.log"), ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (app.HasExited) return Failed("the app exited before answering /health (see logs/app.log)");
            try { if ((await http.GetAsync(new Uri(url, "health"), ct)).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline) return Failed("the app did not answer /health within 60 s (see logs/app.log)");
            await Task.Delay(200, ct);
        }
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(schemaPath, ct))!.AsObject();
        var check = await browser.RunAsync(url, schema, screenshot, ct);
        return new JsonObject
        {
            ["passed"] = check.Passed, ["description"] = check.Description, ["error"] = check.Error,
            ["verified"] = new JsonArray([.. check.Verified.Select(v => (JsonNode)v)]),
            ["screenshot"] = File.Exists(screenshot) ? "e2e/screenshot.png" : null,
        };

        static JsonObject Failed(string error) => new() { ["passed"] = false, ["description"] = "the app did not start", ["error"] = error };
    }

    static TestRunReport? ReadReport(string stack, string workspace, string results)
    {
        var pattern = stack == "node" ? "junit.xml" : "*.trx";
        var file = Directory.Exists(Path.Combine(workspace, TestSteps.ResultsFolder))
            ? Directory.GetFiles(Path.Combine(workspace, TestSteps.ResultsFolder), pattern, SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (file is null) return null;
        File.Copy(file, Path.Combine(results, "backend", Path.GetFileName(file)), overwrite: true);
        var xml = File.ReadAllText(file);
        return stack == "node" ? TestRunReport.FromJUnit(xml) : TestRunReport.FromTrx(xml);
    }

    static double? ReadCoverage(string stack, string workspace, string results, ProcessResult? testRun)
    {
        if (stack == "node") return testRun is null ? null : CoverageReport.FromNodeOutput(testRun.StandardOutput);
        var cobertura = Directory.Exists(Path.Combine(workspace, TestSteps.ResultsFolder))
            ? Directory.GetFiles(Path.Combine(workspace, TestSteps.ResultsFolder), "coverage.cobertura.xml", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (cobertura is null) return null;
        File.Copy(cobertura, Path.Combine(results, "backend", "coverage.cobertura.xml"), overwrite: true);
        return CoverageReport.FromCobertura(File.ReadAllText(cobertura));
    }
}
