using Catalyst.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>
/// axe-core on every page of the UI, in the states a person sees them in (a build running, a result, dark mode):
/// no serious or critical violation (labels, names, contrast, keyboard reach).
/// </summary>
public sealed class AccessibilityTests(PostgresServerFixture postgres)
{
    static readonly float Patience = 60_000;

    [Fact]
    public async Task Chat_task_projects_previews_dead_letters_and_costs_have_no_serious_accessibility_violations()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), TimeSpan.FromMilliseconds(400));
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the empty chat");

        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".agent-group[data-agent=architect]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the chat mid-build");
        await Assertions.Expect(page.Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Patience });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the chat with its result card");

        // Keyboard: the message box is reachable and sends with Enter (the test typed into it); the result card's
        // actions are links a Tab reaches.
        await page.Locator(".result-card a", new() { HasText = "Task details" }).FocusAsync();
        Assert.Equal("Task details", (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim());

        await page.Locator(".result-card a", new() { HasText = "Task details" }).ClickAsync();
        await Assertions.Expect(page.Locator(".timeline-step")).ToHaveCountAsync(6, new() { Timeout = Patience });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the task page");

        foreach (var (link, heading) in new[] { ("Projects", "Projects"), ("Previews", "Previews"), ("Dead letters", "Dead letters"), ("Costs", "Costs") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
            await page.Locator(".mud-progress-linear-indeterminate").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"the {link.ToLowerInvariant()} page");
        }

        // Contrast holds in dark mode too.
        await page.Locator("#dark-mode").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();
        await page.Locator(".conversation").First.ClickAsync();
        await Assertions.Expect(page.Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Patience });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the chat in dark mode");
    }
}
