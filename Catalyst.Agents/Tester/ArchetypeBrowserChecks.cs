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
        "quiz" => TakeQuizAsync,
        "kanban" => MoveCardAsync,
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

    static async Task<string> TakeQuizAsync(IPage page)
    {
        await page.FillAsync("#quiz-form [name=title]", "E2E quiz");
        await page.FillAsync("#quiz-form [name=questions]", "What is 2 + 2?\n3\n*4\n\nWhich planet is red?\n*Mars\nVenus");
        await page.ClickAsync("#quiz-form [type=submit]");
        await page.Locator("#quizzes li[data-id]", new() { HasText = "E2E quiz" }).Last.GetByRole(AriaRole.Button, new() { Name = "Take" }).ClickAsync();
        var quiz = page.Locator("#take-form");
        await quiz.Locator("[data-question='0'] input[value='1']").CheckAsync();   // 4: right
        await quiz.Locator("[data-question='1'] input[value='1']").CheckAsync();   // Venus: wrong
        await quiz.Locator("[type=submit]").ClickAsync();
        await page.Locator("#score", new() { HasText = "Score: 1 / 2 (50%)" }).WaitForAsync();
        await quiz.Locator("[data-question='1'].wrong", new() { HasText = "The answer was: Mars." }).WaitForAsync();
        return "wrote a two-question quiz, took it and saw the score and the correct answer";
    }

    static async Task<string> MoveCardAsync(IPage page)
    {
        await page.FillAsync("#card-form [name=title]", "E2E card");
        await page.SelectOptionAsync("#card-form [name=columnId]", "todo");
        await page.ClickAsync("#card-form [type=submit]");
        var card = page.Locator("[data-column='todo'] li[data-id]", new() { HasText = "E2E card" }).Last;
        await card.GetByRole(AriaRole.Button, new() { Name = "Move right" }).ClickAsync();
        await page.Locator("[data-column='doing'] li[data-id]", new() { HasText = "E2E card" }).WaitForAsync();
        return "added a card to To do and moved it to Doing";
    }

    [GeneratedRegex(@"^0:5\d$")] private static partial Regex TickedDown();
}
