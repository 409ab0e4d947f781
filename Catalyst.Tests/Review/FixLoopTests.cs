using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Review;

/// <summary>
/// Faults in the Coder's first attempt, through the real Tester and Reviewer: each is detected and named, the
/// task goes back to the Coder, the offline Coder fixes what it generated, and the fixed app is approved.
/// </summary>
public sealed class FixLoopTests(PostgresServerFixture postgres)
{
    // A guard against a hang, not a target: on a loaded shared machine a fix round's builds take minutes.
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);
    const string Prompt = "hello world";

    [Fact]
    public async Task A_failing_assertion_fails_the_Tester_and_the_regenerated_test_file_passes()
    {
        using var pipeline = await FixLoopPipeline.StartAsync(postgres, (call, commits) =>
            call == 1 ? PlantingGenerator.Edit(commits, "AppTests.cs", "Assert.Equal(\"healthy\",", "Assert.Equal(\"sick\",") : commits);

        var outcome = await pipeline.RunAsync(Prompt, Patience);

        var results = outcome.Payloads("test.results");
        Assert.Equal(2, results.Count);
        Assert.False((bool)results[0]["passed"]!);
        Assert.Equal(1, (int)results[0]["failed"]!);
        Assert.True((bool)results[1]["passed"]!, outcome.FailureReason);
        var fix = outcome.Payloads("code.pr.opened")[1];
        Assert.Equal(1, (int)fix["fix_round"]!);
        Assert.Equal(["tests/HelloWorld.Tests/AppTests.cs"], fix["fixed"]!["regenerated"]!.AsArray().Select(p => (string)p!));
        var progress = outcome.Payloads("task.progress").Select(p => (string)p["message"]!).ToList();
        Assert.Contains(progress, m => m.StartsWith("❌ Tests: 2 passed, 1 failed", StringComparison.Ordinal));
        Assert.Contains(progress, m => m.StartsWith("❌ HelloWorld.Tests.AppTests.Health_answers: Assert.Equal() Failure", StringComparison.Ordinal));
        // The failing round's evidence is kept: its summary names the test.
        var archived = await File.ReadAllTextAsync(Path.Combine(outcome.Artifacts, "rounds", "0", "test-results", "test-summary.json"), TestContext.Current.CancellationToken);
        Assert.Contains("HelloWorld.Tests.AppTests.Health_answers", archived, StringComparison.Ordinal);
        Assert.Equal("approved", (string?)outcome.Payloads("review.decision").Single()["decision"]);
        Assert.StartsWith("fix: regenerate tests/HelloWorld.Tests/AppTests.cs", (await FixLoopPipeline.Repository(outcome).LogAsync((string)fix["commit"]!, 1, TestContext.Current.CancellationToken))[0].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compile_error_fails_the_build_with_the_error_named_and_the_file_is_regenerated()
    {
        using var pipeline = await FixLoopPipeline.StartAsync(postgres, (call, commits) =>
            call == 1 ? PlantingGenerator.Edit(commits, "Program.cs", "var app = builder.Build();", "var app = builder.Build(); int planted = \"not a number\";") : commits);

        var outcome = await pipeline.RunAsync(Prompt, Patience);

        var failed = outcome.Payloads("test.results")[0];
        Assert.False((bool)failed["passed"]!);
        Assert.Null((int?)failed["total"]); // nothing ran: the build failed
        var progress = outcome.Payloads("task.progress").Select(p => (string)p["message"]!).ToList();
        Assert.Contains(progress, m => m.StartsWith("❌ CS0029 src/HelloWorld/Program.cs:", StringComparison.Ordinal));
        Assert.Equal(["src/HelloWorld/Program.cs"], outcome.Payloads("code.pr.opened")[1]["fixed"]!["regenerated"]!.AsArray().Select(p => (string)p!));
        Assert.True((bool)outcome.Payloads("test.results")[1]["passed"]!, outcome.FailureReason);
        Assert.Equal("approved", (string?)outcome.Payloads("review.decision").Single()["decision"]);
    }

    [Fact]
    public async Task A_committed_private_key_is_a_critical_issue_that_blocks_approval_until_it_is_removed()
    {
        const string key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq8v1planted0key0material0for0the0review0test\n-----END RSA PRIVATE KEY-----\n";
        using var pipeline = await FixLoopPipeline.StartAsync(postgres, (call, commits) =>
            call == 1 ? PlantingGenerator.Add(commits, "deploy/id_rsa", key) : commits);

        var outcome = await pipeline.RunAsync(Prompt, Patience);

        var reviews = outcome.Payloads("review.decision");
        Assert.Equal(["changes_requested", "approved"], reviews.Select(r => (string)r["decision"]!));
        Assert.Equal(1, (int)reviews[0]["blocking_issues"]!);
        Assert.True((bool)outcome.Payloads("test.results")[0]["passed"]!, "the key does not fail the tests; it fails the review");
        Assert.Equal(1, (int)outcome.Payloads("test.results")[0]["critical_security_findings"]!);
        Assert.Equal(["deploy/id_rsa"], outcome.Payloads("code.pr.opened")[1]["fixed"]!["removed"]!.AsArray().Select(p => (string)p!));
        Assert.DoesNotContain("deploy/id_rsa", await FixLoopPipeline.Repository(outcome).ListFilesAsync((string)outcome.Payloads("code.pr.opened")[1]["commit"]!, TestContext.Current.CancellationToken));

        // The rejected round's review names the key, with file and line, in the archived decision.
        var rejected = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(outcome.Artifacts, "rounds", "0", "review", "review-decision.json"), TestContext.Current.CancellationToken))!;
        Assert.Contains(rejected["issues"]!.AsArray(), i => (string?)i!["severity"] == "critical" && (string?)i["file"] == "deploy/id_rsa" && (int?)i["line"] == 1 && (bool)i["blocking"]!);
        var progress = outcome.Payloads("task.progress").Select(p => (string)p["message"]!).ToList();
        Assert.Contains(progress, m => m.Contains("critical: A private key is committed. (deploy/id_rsa:1)", StringComparison.Ordinal));
        Assert.Contains(progress, m => m.Contains("CHANGES REQUESTED", StringComparison.Ordinal));
    }
}
