using Catalyst.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>What the chat does when the Api goes away under it, and who its submissions are limited for.</summary>
public sealed class ChatResilienceTests(PostgresServerFixture postgres)
{
    static readonly float Patience = 90_000;

    [Fact]
    public async Task Restarting_the_api_while_the_chat_is_open_reconnects_and_shows_nothing_twice()
    {
        var database = await postgres.CreateMigratedDatabaseAsync();
        var port = FreePort.Next();
        var first = new UiHost(database, TimeSpan.FromMilliseconds(700), port: port);
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(first.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });
        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".agent-group[data-agent=architect]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.EvaluateAsync("() => window.catalystBeforeRestart = true");
        var reload = page.WaitForRequestAsync(r => r.IsNavigationRequest, new() { Timeout = Patience });

        await first.DisposeAsync(); // the Api stops mid-build, the circuit with it
        await using var restarted = new UiHost(database, TimeSpan.FromMilliseconds(700), port: port);

        // The page finds the new process on its own (the old circuit is gone, so Blazor reloads the page) and the
        // build goes on where it was: the agents resume from the durable outbox, the page from the task's record.
        await reload;
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && window.catalystBeforeRestart === undefined");
        await Assertions.Expect(page.Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(input).ToBeEnabledAsync();
        await UiBrowser.FullPageScreenshotAsync(page, "chat-after-restart");

        await Assertions.Expect(page.Locator(".message-user")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".message-assistant")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".result-card")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".conversation")).ToHaveCountAsync(1);
        Assert.Equal(["planner", "architect", "coder", "tester", "reviewer", "deployer"],
            await page.Locator(".agent-group").EvaluateAllAsync<string[]>("groups => groups.map(g => g.dataset.agent)"));
        var lines = await page.Locator(".progress-line").AllInnerTextsAsync();
        Assert.Equal(13, lines.Count);
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    [Fact]
    public async Task The_chat_page_is_not_held_to_the_api_clients_submission_limit()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), stepDelay: null, new Dictionary<string, string?>
        {
            ["Catalyst:Limits:SubmissionsPerWindow"] = "1",
            ["Catalyst:Limits:SubmissionWindow"] = "00:10:00",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var ct = TestContext.Current.CancellationToken;
        // An API client from this address has used up its one submission.
        Assert.Equal(200, (int)(await http.PostAsync("/api/chat", Json("""{"message":"what can you do?"}"""), ct)).StatusCode);
        Assert.Equal(429, (int)(await http.PostAsync("/api/chat", Json("""{"message":"what can you do?"}"""), ct)).StatusCode);

        // The page, from the same address, is a first-party client: its turns go to the chat in process, not through the limiter.
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });
        await input.FillAsync("what can you do?");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message-assistant")).ToHaveCountAsync(1);
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message-assistant")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#chat-error")).ToHaveCountAsync(0);

        // The reply speaks to a person: the page shows the task below it, so no API address is in the way.
        var reply = page.Locator(".message-assistant .content").Nth(1);
        await Assertions.Expect(reply).ToContainTextAsync("Started a task to build project \"todo-app\"");
        await Assertions.Expect(reply).ToContainTextAsync("Its progress shows below");
        await Assertions.Expect(reply).Not.ToContainTextAsync("/api/");
    }

    static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
