using System.Text.Json;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>
/// axe-core (npm, the version pinned in Web/Accessibility/package-lock.json; the test project's build installs it
/// beside the tests) run inside a page: the accessibility rules a screen reader, a keyboard and contrast need.
/// </summary>
public static class AxeCheck
{
    public sealed record Violation(string Id, string Impact, string Help, string[] Targets)
    {
        public override string ToString() => $"{Impact} {Id}: {Help} ({string.Join(" | ", Targets)})";
    }

    static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    /// <summary>Every violation on the page as it is now, most serious first; all of them are written to the test output.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page, string name)
    {
        Assert.True(File.Exists(ScriptPath), $"axe-core is not at {ScriptPath}: the test project's build installs it with npm ci (Web/Accessibility).");
        // Colours are judged as they settle: a button just enabled is still fading in from its disabled shade.
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Path = ScriptPath });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
                id: v.id, impact: v.impact || 'minor', help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1, 2).join('').trim()) }))
            """);
        var violations = json.Deserialize<Violation[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!
            .OrderBy(v => Array.IndexOf(["critical", "serious", "moderate", "minor"], v.Impact)).ToList();
        foreach (var violation in violations) TestContext.Current.TestOutputHelper?.WriteLine($"axe {name}: {violation}");
        return violations;
    }

    /// <summary>Fails the test on any serious or critical violation, naming each with the elements it was found on.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var serious = (await RunAsync(page, name)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found serious accessibility violations on {name}:\n{string.Join("\n", serious)}");
    }
}
