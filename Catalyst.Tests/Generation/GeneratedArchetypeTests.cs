using System.Text.Json.Nodes;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

/// <summary>
/// Each archetype (timer, poll, quiz, kanban) in both stacks, through the real Planner, Architect, Coder, Tester and
/// Reviewer: the app's own tests all run, the browser check does the archetype's main action, the Reviewer
/// approves, and the plan and the contract describe the archetype rather than a list of records.
/// </summary>
public sealed class GeneratedArchetypeTests(PostgresServerFixture postgres)
{
    public static TheoryData<AppKind, AppStack> Apps => new(ArchetypeSpecs.All.Select(s => (s.Kind, s.Stack)));

    static async Task<(AppSpec Spec, GeneratedApps.Generated App)> AppAsync(PostgresServerFixture postgres, AppKind kind, AppStack stack)
    {
        var spec = ArchetypeSpecs.For(kind, stack);
        return (spec, (await GeneratedApps.GetArchetypesAsync(postgres)).For(spec.Prompt));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task The_app_passes_its_tests_and_the_browser_check_and_the_Reviewer_approves(AppKind kind, AppStack stack)
    {
        var (spec, app) = await AppAsync(postgres, kind, stack);
        await GeneratedAppTests.AssertTestedBrowsedAndApprovedAsync(app, spec.Prompt);
        var results = app.Last("test.results")!;
        var review = app.Last("review.decision")!;
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Artifacts, "test-results", "test-summary.json"), TestContext.Current.CancellationToken))!;
        TestContext.Current.TestOutputHelper?.WriteLine($"{spec.Prompt} {(int)results["total"]!} tests passed, coverage {(double?)results["coverage"]:P0}; " +
            $"browser: {(string?)summary["browser"]!["description"]}; review {(string?)review["decision"]} with {(int)review["score"]!}");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task The_plan_and_the_contract_describe_the_archetype(AppKind kind, AppStack stack)
    {
        var (spec, app) = await AppAsync(postgres, kind, stack);
        var (plan, contract) = await GeneratedAppTests.AssertPlanAndContractAsync(app);

        Assert.Equal(kind, plan.Domain.Kind);
        Assert.Empty(plan.Domain.Entities);
        var feature = Assert.Single(plan.Features, f => f.Name == spec.Title);
        Assert.Subset(feature.AcceptanceCriteria.ToHashSet(), ArchetypeCatalog.Criteria(kind).ToHashSet());
        Assert.Contains(plan.Features, f => f.Description == ArchetypeCatalog.Page(kind));

        var expected = ArchetypeCatalog.Endpoints(kind).Select(e => $"{e.Method} {e.Path}").Append("GET /health").Order();
        var actual = contract.Paths!.SelectMany(p => p.Value!.Operations!.Select(o => $"{o.Key.ToString().ToUpperInvariant()} {p.Key}")).Order();
        Assert.Equal(expected, actual);

        var schemaPath = stack == AppStack.Node ? "public/schema.json" : await GeneratedAppTests.SchemaPathAsync(app);
        var schema = JsonNode.Parse(await GeneratedAppTests.ShowAsync(app, app.Branch, schemaPath))!;
        Assert.Equal(FrontendAssets.KindName(kind), (string?)schema["kind"]);
    }
}
