using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Coder.Node;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Processes;
using Catalyst.Core.Projects;
using Catalyst.Core.Tasks;
using Catalyst.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Generation;

/// <summary>The Tester on real generated apps, some with faults planted in them: real git, real builds, real runners.</summary>
public sealed class TesterAgentTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the Tester left; disposing it removes the data root.</summary>
    sealed record Outcome(JsonObject Summary, JsonObject Event, string Artifacts, TestDirectory DataRoot) : IDisposable
    {
        public void Dispose() => DataRoot.Dispose();
    }

    async Task<Outcome> TestAsync(string prompt, Func<string, string, IEnumerable<GeneratedFile>>? plant = null, TesterOptions? options = null, BrowserOptions? browser = null)
    {
        var dataRoot = new TestDirectory("tester");
        var spec = new RequestParser().Parse(prompt);
        IAppGenerator generator = spec.Stack == AppStack.Node ? new NodeAppGenerator() : new DotnetAppGenerator();
        var repositories = new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = dataRoot.Path }), Options.Create(new GitOptions()));

        await using var db = TestDb.Context(await postgres.CreateMigratedDatabaseAsync());
        var created = await new TaskRepository(db, new ProjectRepository(db, TimeProvider.System), TimeProvider.System).CreateAsync(prompt, spec.Name, Ct);
        var task = await db.Tasks.FirstAsync(t => t.Id == created.TaskId, Ct);

        var branch = $"feature/task-{task.Id}";
        string head, root;
        await using (var locked = await repositories.OpenAsync(spec.Name, Ct))
        {
            root = locked.Repository.Root;
            await locked.Repository.CheckoutAsync(branch, Ct);
            head = "";
            foreach (var commit in generator.Generate(spec)) head = await locked.Repository.CommitAsync(commit.Files, commit.Message, Ct);
            if (plant is not null) head = await locked.Repository.CommitAsync([.. plant(root, spec.Identifier)], "test: plant a fault", Ct);
        }

        var opened = AgentEvent.Create(task.TraceId, task.Id, Actors.Coder, EventTypes.CodePrOpened,
            new JsonObject { ["branch"] = branch, ["local_repo"] = root, ["stack"] = spec.Stack.ToString().ToLowerInvariant() },
            DateTimeOffset.UtcNow, spec.Name, branch, head);
        var agent = new TesterAgent(new ProcessSandbox(new ProcessRunner(), new SandboxOptions { DataRoot = dataRoot.Path }), new BrowserCheck(browser ?? new BrowserOptions()),
            Options.Create(new CatalystOptions { DataRoot = dataRoot.Path }), Options.Create(options ?? new TesterOptions()));
        var context = new AgentContext(agent, opened, task, db, TimeProvider.System, new ServiceCollection().BuildServiceProvider());

        await agent.HandleAsync(context, opened, Ct);

        var artifacts = Path.Combine(dataRoot.Path, "artifacts", task.Id.ToString(), "test-results");
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(artifacts, "test-summary.json"), Ct))!.AsObject();
        var results = context.Emitted.Single(e => e.EventType == EventTypes.TestResults).Payload;
        Assert.True(File.Exists(Path.Combine(artifacts, "logs", "test.log")) || summary["steps"]!.AsArray().All(s => (string)s!["name"]! != "test"));
        return new Outcome(summary, results, artifacts, dataRoot);
    }

    static int DeclaredDotnetTests(string prompt)
    {
        var spec = new RequestParser().Parse(prompt);
        return new DotnetAppGenerator().Generate(spec).SelectMany(c => c.Files).Where(f => f.Path.StartsWith("tests/", StringComparison.Ordinal))
            .Sum(f => System.Text.RegularExpressions.Regex.Count(f.Content, @"\[Fact\]|\[InlineData\("));
    }

    [Fact]
    public async Task A_generated_app_passes_with_its_true_totals_and_measured_coverage()
    {
        const string prompt = "a todo app with user registration and login";
        using var outcome = await TestAsync(prompt);

        Assert.Equal("passed", (string?)outcome.Summary["status"]);
        Assert.True((bool)outcome.Event["passed"]!);
        Assert.Equal(DeclaredDotnetTests(prompt), (int)outcome.Summary["unit"]!["total"]!);
        Assert.Equal(0, (int)outcome.Summary["unit"]!["failed"]!);
        var coverage = (double)outcome.Summary["coverage"]!["line_rate"]!;
        Assert.InRange(coverage, 0.5, 1.0);
        Assert.Equal(["restore", "build", "test", "e2e"], outcome.Summary["steps"]!.AsArray().Select(s => (string)s!["name"]!));
        Assert.All(outcome.Summary["steps"]!.AsArray(), s => Assert.True((long)s!["duration_ms"]! > 0));
        Assert.Empty(outcome.Summary["security"]!["secrets"]!.AsArray());
        Assert.Contains(outcome.Summary["security"]!["dependencies"]!.AsArray(), d => (string?)d!["name"] == "xunit");
        Assert.Equal("not_run", (string?)outcome.Summary["security"]!["vulnerability_scan"]!["status"]);
        Assert.Single(Directory.GetFiles(Path.Combine(outcome.Artifacts, "backend"), "*.trx"));
        AssertEndToEndPassed(outcome);

        // The spec's fields, beside Catalyst's own, from the same measurements.
        var summary = outcome.Summary;
        Assert.Equal("passed", (string?)summary["overall_status"]);
        Assert.Equal((int)summary["unit"]!["total"]!, (int)summary["backend"]!["total"]!);
        Assert.Equal((int)summary["unit"]!["passed"]!, (int)summary["backend"]!["passed"]!);
        Assert.Equal(coverage, (double)summary["backend"]!["coverage"]!);
        Assert.True((double)summary["backend"]!["duration_seconds"]! > 0);
        Assert.Equal(summary["browser"]!["verified"]!.AsArray().Count, (int)summary["e2e"]!["passed"]!);
        Assert.Equal((0, true), ((int)summary["e2e"]!["failed"]!, (int)summary["e2e"]!["total"]! >= 1));
        Assert.All(new[] { "critical", "high", "medium", "low", "info" }, severity => Assert.Equal(0, (int)summary["security"]![severity]!));
        // Wall time, with the browser check beside the unit tests: more than the sequential steps, less than all steps added up.
        var steps = summary["steps"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (long)s!["duration_ms"]! / 1000.0);
        Assert.InRange((double)summary["total_duration_seconds"]!, steps["restore"] + steps["build"] + steps["test"] - 0.2, steps.Values.Sum() + 5);
    }

    static void AssertEndToEndPassed(Outcome outcome)
    {
        var e2e = outcome.Summary["browser"]!;
        Assert.True((bool)e2e["passed"]!, (string?)e2e["error"]);
        Assert.True(new FileInfo(Path.Combine(outcome.Artifacts, "e2e", "screenshot.png")).Length > 1000);
        Assert.True((bool)outcome.Event["e2e_passed"]!);
    }

    [Fact]
    public async Task A_node_app_reports_its_true_totals()
    {
        using var outcome = await TestAsync("a bookmarks API in Node with tags and search");
        Assert.Equal("passed", (string?)outcome.Summary["status"]);
        Assert.True((int)outcome.Summary["unit"]!["total"]! >= 5);
        Assert.Equal((int)outcome.Summary["unit"]!["total"]!, (int)outcome.Summary["unit"]!["passed"]! + (int)outcome.Summary["unit"]!["skipped"]!);
        Assert.InRange((double)outcome.Summary["coverage"]!["line_rate"]!, 0.3, 1.0);
        Assert.True(File.Exists(Path.Combine(outcome.Artifacts, "backend", "junit.xml")));
        AssertEndToEndPassed(outcome);
    }

    [Fact]
    public async Task Without_a_browser_the_end_to_end_check_is_reported_as_not_run()
    {
        using var outcome = await TestAsync("hello world", browser: new BrowserOptions { ChromiumPath = "/nonexistent/chromium" });
        Assert.Equal("passed", (string?)outcome.Summary["status"]);
        Assert.Equal("not_run", (string?)outcome.Summary["browser"]!["status"]);
        Assert.Contains("Chromium is not installed", (string?)outcome.Summary["browser"]!["reason"]);
        Assert.False((bool)outcome.Event["e2e_passed"]!);
    }

    [Fact]
    public async Task A_hello_world_app_is_checked_in_the_browser_too()
    {
        using var outcome = await TestAsync("hello world");
        Assert.Equal("passed", (string?)outcome.Summary["status"]);
        AssertEndToEndPassed(outcome);
        Assert.Equal("greeted Ada", (string?)outcome.Summary["browser"]!["description"]);
    }

    [Fact]
    public async Task A_planted_failing_assertion_fails_the_run_and_is_named()
    {
        using var outcome = await TestAsync("hello world", (root, id) =>
        [
            new($"tests/{id}.Tests/PlantedTests.cs", $$"""
                namespace {{id}}.Tests;
                public sealed class PlantedTests
                {
                    [Fact]
                    public void Arithmetic_is_wrong_on_purpose() => Assert.Equal(5, 2 + 2);
                }
                """),
        ]);
        Assert.Equal("failed", (string?)outcome.Summary["status"]);
        Assert.False((bool)outcome.Event["passed"]!);
        Assert.Equal(1, (int)outcome.Summary["unit"]!["failed"]!);
        var failure = Assert.Single(outcome.Summary["unit"]!["failures"]!.AsArray())!;
        Assert.Contains("Arithmetic_is_wrong_on_purpose", (string?)failure["test"]);
    }

    [Fact]
    public async Task A_generated_apps_own_tests_cannot_read_the_data_root_reach_the_host_or_hold_privileges()
    {
        if (new ProcessSandbox(new ProcessRunner(), new SandboxOptions()).Confinement.Missing is { } missing) RequiredServer.Unavailable("bubblewrap", missing);
        // Stand-ins for the keyless loopback Api and for the outside world; both accept from the host itself.
        using var loopback = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        using var outside = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        loopback.Start();
        outside.Start();
        var outsideAddress = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
        string? password = null;

        using var outcome = await TestAsync("hello world", (root, id) =>
        {
            // The repository lives in the data root: {DataRoot}/repos/..., so its parent's parent is the data root.
            var dataRoot = Path.GetDirectoryName(Path.GetDirectoryName(root))!;
            password = Path.Combine(Directory.CreateDirectory(Path.Combine(dataRoot, "postgres")).FullName, "superuser.password");
            File.WriteAllText(password, "pw-canary");
            return
            [
                new($"tests/{id}.Tests/EscapeTests.cs", $$"""
                    using System.Net.Sockets;
                    namespace {{id}}.Tests;
                    public sealed class EscapeTests
                    {
                        [Fact]
                        public void The_database_password_cannot_be_read() => Assert.ThrowsAny<Exception>(() => File.ReadAllText(@"{{password}}"));

                        [Fact]
                        public void The_hosts_loopback_port_cannot_be_reached() => Assert.ThrowsAny<SocketException>(() => new TcpClient().Connect("127.0.0.1", {{((System.Net.IPEndPoint)loopback.LocalEndpoint).Port}}));

                        [Fact]
                        public void An_outside_address_cannot_be_reached() => Assert.ThrowsAny<SocketException>(() => new TcpClient().Connect("{{outsideAddress}}", {{((System.Net.IPEndPoint)outside.LocalEndpoint).Port}}));

                        [Fact]
                        public void It_runs_unprivileged()
                        {
                            var status = File.ReadAllText("/proc/self/status");
                            Assert.DoesNotMatch(@"(?m)^Uid:\s+0\s", status);
                            Assert.Matches(@"(?m)^CapEff:\s+0+$", status);
                            Assert.Matches(@"(?m)^NoNewPrivs:\s+1$", status);
                        }
                    }
                    """),
            ];
        });

        Assert.True(File.Exists(password));
        Assert.Equal(0, (int)outcome.Summary["unit"]!["failed"]!);
        Assert.Equal(DeclaredDotnetTests("hello world") + 4, (int)outcome.Summary["unit"]!["total"]!);
        Assert.Equal("passed", (string?)outcome.Summary["status"]);
        Assert.False(loopback.Pending());
    }

    [Fact]
    public async Task A_planted_compile_error_fails_the_build_step()
    {
        using var outcome = await TestAsync("hello world", (root, id) => [new($"src/{id}/Broken.cs", "namespace Broken; public class Oops { void M() { int x = \"text\"; } }\n")]);
        Assert.Equal("failed", (string?)outcome.Summary["status"]);
        var build = outcome.Summary["steps"]!.AsArray().Single(s => (string?)s!["name"] == "build")!;
        Assert.NotEqual(0, (int)build["exit_code"]!);
        Assert.Equal("not_run", (string?)outcome.Summary["unit"]!["status"]);
        Assert.Contains("CS0029", await File.ReadAllTextAsync(Path.Combine(outcome.Artifacts, "logs", "build.log"), Ct));
    }

    [Fact]
    public async Task A_committed_private_key_is_reported_as_critical()
    {
        using var outcome = await TestAsync("hello world", (root, id) => [new("deploy/server.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAplanted\n-----END RSA PRIVATE KEY-----\n")]);
        var secret = Assert.Single(outcome.Summary["security"]!["secrets"]!.AsArray())!;
        Assert.Equal(("deploy/server.key", 1, "critical"), ((string)secret["file"]!, (int)secret["line"]!, (string)secret["severity"]!));
        Assert.Equal(1, (int)outcome.Event["critical_security_findings"]!);
    }

    [Fact]
    public async Task A_hanging_test_is_killed_at_the_time_limit()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var outcome = await TestAsync("hello world", (root, id) =>
        [
            new($"tests/{id}.Tests/HangingTests.cs", $$"""
                namespace {{id}}.Tests;
                public sealed class HangingTests
                {
                    [Fact]
                    public void Waits_forever() => Thread.Sleep(Timeout.Infinite);
                }
                """),
        ], new TesterOptions { TestTimeout = TimeSpan.FromSeconds(25) });

        Assert.Equal("failed", (string?)outcome.Summary["status"]);
        Assert.True((bool)outcome.Summary["timed_out"]!);
        var test = outcome.Summary["steps"]!.AsArray().Single(s => (string?)s!["name"] == "test")!;
        Assert.True((bool)test["timed_out"]!);
        // killed at its limit, not left to hang; the margins are for a loaded machine's restore, build and kill
        Assert.InRange((long)test["duration_ms"]!, 25_000, 120_000);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(10));
    }
}
