using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

/// <summary>
/// A spec written in code with every typed field and a presentation (<see cref="TypedSpecs"/>), generated in
/// each stack through the real Planner, Architect, Coder, Tester and Reviewer: its own tests run in full, the
/// browser sees the right control for each type and the spec's colours, and the Reviewer approves.
/// </summary>
public sealed class TypedAppTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Requests => new(GeneratedApps.TypedRequests.Keys);

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_typed_field_is_tested_shown_with_its_control_and_the_page_wears_the_spec_colours(string request)
    {
        var app = (await GeneratedApps.GetTypedAsync(postgres)).For(request);
        Assert.Single(app.Events, e => (string?)e["event_type"] == "code.pr.opened"); // no fix round was needed

        var results = app.Last("test.results")!;
        var declared = await GeneratedAppTests.DeclaredTestsAsync(app);
        TestContext.Current.SendDiagnosticMessage($"{request}: {(int)results["total"]!} tests ran, {declared} declared, coverage {(double?)results["coverage"]:P0}");
        Assert.True((bool)results["passed"]!, results.ToJsonString());
        Assert.Equal(declared, (int)results["total"]!);
        Assert.Equal(0, (int)results["failed"]!);

        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Artifacts, "test-results", "test-summary.json"), Ct))!;
        var e2e = summary["browser"]!;
        Assert.True((bool)e2e["passed"]!, e2e.ToJsonString());
        var verified = e2e["verified"]!.AsArray().Select(v => (string)v!).ToList();
        TestContext.Current.SendDiagnosticMessage($"{request}: the browser verified {string.Join("; ", verified)}");
        Assert.Contains("movies.watched is a checkbox", verified);
        Assert.Contains("movies.watchedAt is a datetime-local input", verified);
        Assert.Contains("movies.phone is a tel input", verified);
        Assert.Contains("movies.genre is a select of comedy, drama, horror", verified);
        Assert.Contains("movies.rating is a number input with min 1 and max 5", verified);
        Assert.Contains($"the page background (body) is rgb(255, 255, 240) ({TypedSpecs.Ivory})", verified);
        Assert.Contains($"the primary button is rgb(34, 139, 34) ({TypedSpecs.ForestGreen})", verified);

        var review = app.Last("review.decision")!;
        Assert.Equal("approved", (string?)review["decision"]);
        Assert.True((int)review["score"]! >= 75, review.ToJsonString());
        Assert.Equal(0, (int)review["blocking_issues"]!);
    }
}
