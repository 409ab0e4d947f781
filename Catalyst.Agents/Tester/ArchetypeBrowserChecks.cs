using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Catalyst.Agents.Tester;

/// <summary>The browser checks of the timer, poll, quiz and kanban pages: each does the app's main action and waits to see its effect.</summary>
static partial class ArchetypeBrowserChecks
{
    /// <summary>The check for a kind, or null when the kind is not one of these.</summary>
    public static Func<IPage, Task<string>>? For(string? kind) => kind switch
    {
        "timer" => TimeAsync,
        "poll" => VoteAsync,
        _ => null,
    };

    static async Task<string> TimeAsync(IPage page)
    {
        await page.FillAsync("#timer-form [name=label]", "E2E tea");
        await page.SelectOptionAsync("#timer-form [name=mode]", "countdown");
        await page.FillAsync("#timer-form [name=minutes]", "1");
        await page.FillAsync("#timer-form [name=seconds]", "0");
        await page.ClickAsync("#timer-form [type=submit]");
        var idle = page.Locator("#timers li[data-state='idle']", new() { HasText = "E2E tea" });
        await idle.Locator(".display", new() { HasText = "1:00" }).WaitForAsync();
        await idle.Locator("[data-action='start']").ClickAsync();
        // The display ticks on the page: 1:00 becomes 0:59, 0:58...
        var running = page.Locator("#timers li[data-state='running']", new() { HasText = "E2E tea" });
        await running.Locator(".display", new() { HasTextRegex = TickedDown() }).WaitForAsync();
        await running.Locator("[data-action='pause']").ClickAsync();
        await page.Locator("#timers li[data-state='paused']", new() { HasText = "E2E tea" }).WaitForAsync();
        return "started a one-minute countdown, watched it tick down and paused it";
    }

    static async Task<string> VoteAsync(IPage page)
    {
        await page.FillAsync("#poll-form [name=question]", "E2E: tea or coffee?");
        await page.FillAsync("#poll-form [name=options]", "Tea\nCoffee");
        await page.ClickAsync("#poll-form [type=submit]");
        var poll = page.Locator("[data-poll]", new() { HasText = "E2E: tea or coffee?" }).Last;
        await poll.Locator("[data-option='1'] button").ClickAsync();
        await poll.Locator("[data-option='1'] .votes", new() { HasText = "1 vote (100%)" }).WaitForAsync();
        await poll.Locator("[data-option='2'] .votes", new() { HasText = "0 votes (0%)" }).WaitForAsync();
        return "created a poll, voted and saw the count and percentage";
    }

    [GeneratedRegex(@"^0:5\d$")] private static partial Regex TickedDown();
}
