using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Review;

/// <summary>The fix loop ends: after its bound, or at once when the offline Coder has nothing it can change. A failing app is never approved.</summary>
public sealed class FixLoopLimitTests(PostgresServerFixture postgres)
{
    // A guard against a hang, not a target: on a loaded shared machine a fix round's builds take minutes.
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task Tests_that_still_fail_after_two_fix_rounds_fail_the_task_with_the_reason()
    {
        // Every attempt is wrong in a new way, so each round has something to regenerate and never succeeds.
        using var pipeline = await FixLoopPipeline.StartAsync(postgres, (call, commits) =>
            PlantingGenerator.Edit(commits, "AppTests.cs", "Assert.Equal(\"healthy\",", $"Assert.Equal(\"sick {call}\","));

        var outcome = await pipeline.RunAsync("hello world", Patience);

        Assert.Equal("failed", outcome.Status);
        Assert.StartsWith("Still not passing after 2 fix round(s): 1 of 3 tests fail.", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Health_answers", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2], outcome.Payloads("code.pr.opened").Select(p => (int)p["fix_round"]!));
        Assert.All(outcome.Payloads("test.results"), r => Assert.False((bool)r["passed"]!));
        Assert.Empty(outcome.Payloads("review.decision"));
        Assert.Single(outcome.Payloads("task.failed"));
    }

    [Fact]
    public async Task A_fault_the_offline_Coder_did_not_write_differently_fails_the_task_at_once()
    {
        using var pipeline = await FixLoopPipeline.StartAsync(postgres, (call, commits) =>
            PlantingGenerator.Edit(commits, "AppTests.cs", "Assert.Equal(\"healthy\",", "Assert.Equal(\"sick\","));

        var outcome = await pipeline.RunAsync("hello world", Patience);

        Assert.Equal("failed", outcome.Status);
        Assert.StartsWith("The offline Coder cannot fix this: 1 of 3 tests fail.", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Single(outcome.Payloads("code.pr.opened"));
        Assert.Empty(outcome.Payloads("review.decision"));
    }
}
