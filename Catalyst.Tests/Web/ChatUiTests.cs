using System.Text.RegularExpressions;
using Catalyst.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>
/// The chat in headless Chromium against the real Api on Kestrel: what a person sees when they ask for an app.
/// The agents are <see cref="StoryAgent"/>s, so the test is about the UI (live lines, banner, input, result card),
/// not about building an app.
/// </summary>
public sealed partial class ChatUiTests(PostgresServerFixture postgres)
{
    static readonly TimeSpan StepDelay = TimeSpan.FromMilliseconds(900);
    static readonly float Patience = 60_000;

    [Fact]
    public async Task Asking_for_an_app_streams_the_agents_lines_live_and_ends_with_a_result_card()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), StepDelay);
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });
        var loadedUrl = page.Url;
        // A reload would clear this marker: its survival shows the lines came through the circuit.
        await page.EvaluateAsync("() => window.catalystNoReload = true");
        await page.EvaluateAsync(FirstLineProbe);

        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".message-user .content")).ToHaveTextAsync("build a todo app with login");
        await Assertions.Expect(page.Locator(".message-assistant .content").First).Not.ToBeEmptyAsync();
        await page.Locator(".progress-line").First.WaitForAsync(new() { Timeout = Patience });
        var enterToFirstLine = await page.EvaluateAsync<double>("() => window.catalystFirstLine - window.catalystEnter");
        var enterToReply = await page.EvaluateAsync<double>("() => window.catalystReply - window.catalystEnter");
        var banner = page.Locator("#agent-banner");
        await Assertions.Expect(banner).ToContainTextAsync("Agent is running…");
        await Assertions.Expect(input).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".agent-group[data-agent=coder]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await UiBrowser.FullPageScreenshotAsync(page, "chat-mid-build");
        Assert.Matches(BannerText(), await banner.InnerTextAsync());

        var card = page.Locator(".result-card");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(card.Locator(".result-tests")).ToContainTextAsync($"{StoryAgent.TestsPassed}/{StoryAgent.TestsTotal} passed");
        await Assertions.Expect(card.Locator(".result-tests")).ToContainTextAsync("coverage 82");
        await Assertions.Expect(card.Locator(".result-review")).ToContainTextAsync($"{StoryAgent.ReviewScore}/100 · {StoryAgent.ReviewIssues} issues");
        await Assertions.Expect(card.Locator(".result-preview a")).ToHaveAttributeAsync("href", StoryAgent.PreviewUrl);
        await Assertions.Expect(card.Locator(".result-code")).ToContainTextAsync("feature/task-");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync("🎉 Your app is live!");
        await Assertions.Expect(card.Locator(".result-not-built")).ToHaveCountAsync(0);
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await Assertions.Expect(input).ToBeEnabledAsync();
        // The chat keeps its newest content in view: the card is on screen without scrolling.
        await Assertions.Expect(card).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("chat-result-card") });

        // Every agent's group, in pipeline order, each line once; the same page all along, now at its conversation's address.
        Assert.Equal(["planner", "architect", "coder", "tester", "reviewer", "deployer"],
            await page.Locator(".agent-group").EvaluateAllAsync<string[]>("groups => groups.map(g => g.dataset.agent)"));
        Assert.Equal(13, await page.Locator(".progress-line").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.catalystNoReload === true"), "the page was reloaded");
        Assert.Matches(ChatAddress(), page.Url);
        Assert.NotEqual(loadedUrl, page.Url);
        await Assertions.Expect(page.Locator(".conversation")).ToHaveCountAsync(1);

        // A follow-up continues the same project in the same conversation: a second run, followed the same way.
        await page.EvaluateAsync(FirstLineProbe.Replace("catalystEnter", "catalystEnter2").Replace("catalystFirstLine", "catalystFirstLine2").Replace("catalystReply", "catalystReply2").Replace("'.message-assistant'", "'li.message-assistant ~ li.message-assistant'").Replace("'.progress-line'", "'li.run ~ li.run .progress-line'"));
        await input.FillAsync("now add a due date to todos");
        await input.PressAsync("Enter");
        var second = page.Locator("li.run").Nth(1);
        await second.Locator(".progress-line").First.WaitForAsync(new() { Timeout = Patience });
        var warmEnterToFirstLine = await page.EvaluateAsync<double>("() => window.catalystFirstLine2 - window.catalystEnter2");
        var warmEnterToReply = await page.EvaluateAsync<double>("() => window.catalystReply2 - window.catalystEnter2");
        await Assertions.Expect(input).ToBeDisabledAsync();
        await Assertions.Expect(second.Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(second.Locator(".result-code")).ToContainTextAsync("todo-app");
        await Assertions.Expect(page.Locator(".message-assistant .content").Nth(1)).ToContainTextAsync("todo-app");
        await Assertions.Expect(input).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator(".conversation")).ToHaveCountAsync(1);

        // The task page of the first task: its steps with their times, and the same totals and score.
        await card.First.GetByText("Task details").ClickAsync();
        await Assertions.Expect(page.Locator(".task-prompt")).ToHaveTextAsync("build a todo app with login");
        await Assertions.Expect(page.Locator(".timeline-step")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator(".timeline-step[data-phase=coding]")).ToContainTextAsync(" s");
        await Assertions.Expect(page.Locator(".result-tests")).ToContainTextAsync($"{StoryAgent.TestsPassed}/{StoryAgent.TestsTotal} passed");
        await Assertions.Expect(page.Locator(".result-review")).ToContainTextAsync($"{StoryAgent.ReviewScore}/100");
        await Assertions.Expect(page.Locator(".log li")).ToHaveCountAsync(13);
        Assert.True(await page.EvaluateAsync<bool>("() => window.catalystNoReload === true"), "the task page was loaded by a reload");
        await UiBrowser.FullPageScreenshotAsync(page, "task-page");

        var timing = $"Enter to first progress line on screen: {enterToFirstLine:0} ms (first task of this Api host; reply after {enterToReply:0} ms), {warmEnterToFirstLine:0} ms (the follow-up; reply after {warmEnterToReply:0} ms)";
        TestContext.Current.TestOutputHelper?.WriteLine(timing);
        await File.AppendAllTextAsync(Path.ChangeExtension(UiBrowser.ScreenshotPath("timings"), ".txt"), $"{DateTimeOffset.UtcNow:u} {timing}\n", TestContext.Current.CancellationToken);
        // a measurement for the report, not a bound: the time on two shared cores says nothing about the code
        Assert.True(enterToFirstLine > 0 && warmEnterToFirstLine > 0, timing);
    }

    [Fact]
    public async Task A_request_beyond_the_generator_ends_with_a_result_card_that_says_what_was_not_built()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), TimeSpan.FromMilliseconds(200));
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });

        await input.FillAsync("build a chess game where players can play online");
        await input.PressAsync("Enter");

        // the planner's warning is one of the run's lines, as the real Planner writes it
        await Assertions.Expect(page.Locator(".progress-line", new() { HasText = "The offline generator cannot build games" })).ToBeVisibleAsync(new() { Timeout = Patience });
        var card = page.Locator(".result-card");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync("⚠️ Your app is live, but not all you asked for was built");
        var notBuilt = card.Locator(".result-not-built");
        await Assertions.Expect(notBuilt).ToContainTextAsync("The offline generator cannot build games; it built a records app for ");
        await Assertions.Expect(notBuilt).ToContainTextAsync(" instead.");
        await Assertions.Expect(card.Locator("dt", new() { HasText = "Not built" })).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator(".result-preview a")).ToHaveAttributeAsync("href", StoryAgent.PreviewUrl);
        await card.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("chat-result-card-not-built") });
    }

    [Fact]
    public async Task With_plan_approval_on_the_chat_shows_the_understood_spec_and_a_corrected_type_is_approved()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), stepDelay: null, new Dictionary<string, string?>
        {
            ["Catalyst:Agents:Enabled"] = "planner", // the real Planner; the agents after it are not installed, so the task stops there
            ["Catalyst:Agents:Planner:RequireApproval"] = "true",
        });
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });

        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        var table = page.Locator(".spec-table");
        var title = table.Locator("tr[data-field=Title] select.spec-type");
        await Assertions.Expect(title).ToHaveValueAsync("string", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#agent-banner")).ToContainTextAsync("Waiting for your approval");
        await title.SelectOptionAsync("text");
        await UiBrowser.FullPageScreenshotAsync(page, "chat-plan-approval");
        await table.GetByRole(AriaRole.Button, new() { Name = "Approve and build" }).ClickAsync();

        await Assertions.Expect(page.Locator("#agent-banner")).ToContainTextAsync("Agent is running…", new() { Timeout = Patience });
        var taskId = await page.Locator("li.run").First.GetAttributeAsync("data-task");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var plan = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/api/tasks/{taskId}/plan", TestContext.Current.CancellationToken))!;
        var fields = plan["spec"]!["entities"]!.AsArray().SelectMany(e => e!["fields"]!.AsArray());
        Assert.Equal("text", (string?)fields.Single(f => (string?)f!["name"] == "Title")!["type"]);
    }

    [Fact]
    public async Task With_an_api_key_the_browser_is_asked_for_it_once_and_the_chat_runs_on_the_cookie()
    {
        const string key = "ui-test-key";
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), StepDelay, new Dictionary<string, string?> { ["Catalyst:ApiKey"] = key });
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/", waitForCircuit: false);

        await page.Locator("#api_key").FillAsync("not-the-key");
        await page.Locator("#api_key").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("That key is not right");
        await page.Locator("#api_key").FillAsync(key);
        await page.Locator("#api_key").PressAsync("Enter");

        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience }); // the circuit is up, on the cookie
        Assert.DoesNotContain(key, page.Url);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "catalyst_session");
        Assert.True(cookie.HttpOnly);
        Assert.NotEqual(key, cookie.Value);
        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [Fact]
    public async Task The_chat_fits_a_phone()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), StepDelay);
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/", width: 390, height: 844);
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = Patience });

        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".agent-group[data-agent=architect]")).ToBeVisibleAsync(new() { Timeout = Patience });
        // What the phone shows (a full-page capture draws the fixed app bar at the scroll offset, over the title):
        // the chat scrolled to its newest line, the app bar on top of it, the title scrolled away beneath it.
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("chat-phone") });
        Assert.True(await page.EvaluateAsync<bool>("() => document.elementFromPoint(200, 10)?.closest('header.mud-appbar') != null"),
            "something is drawn over the app bar at the top of a phone's screen");
        // the chat scrolls smoothly to each new line: the title is judged once the scroll has come to rest
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var title = await page.Locator(".chat-title").BoundingBoxAsync();
            var appBar = await page.Locator("header.mud-appbar").BoundingBoxAsync();
            // (a layout rounds to fractions of a pixel: 48.016 against 48 is the same line on the screen)
            const float SubPixel = 0.5f;
            if (title!.Y + title.Height <= appBar!.Y + appBar.Height + SubPixel || title.Y >= appBar.Y + appBar.Height - SubPixel) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10),
                $"the conversation title ({title.Y}-{title.Y + title.Height}) shows through the app bar ({appBar.Y}-{appBar.Y + appBar.Height})");
            await page.WaitForTimeoutAsync(100);
        }

        // Nothing wider than the screen: no sideways scrolling on a phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the chat is wider than a phone's screen");
        await Assertions.Expect(page.Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [Fact]
    public async Task With_no_conversations_the_chat_says_how_to_start_and_the_task_page_of_an_unknown_id_says_it_is_unknown()
    {
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), stepDelay: null);
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        await page.EvaluateAsync("() => window.catalystNoReload = true");

        await Assertions.Expect(page.Locator(".conversations-empty")).ToContainTextAsync("No conversations yet");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("What should we build?");
        await UiBrowser.FullPageScreenshotAsync(page, "chat-empty");

        // The other pages are one click away and say plainly that there is nothing yet, and why.
        foreach (var (link, says) in new[]
        {
            ("Projects", "No projects yet."), ("Previews", "No preview is running."), ("Dead letters", "No dead letters."), ("Costs", "No language model is configured"),
        })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync(says);
            if (link == "Previews") await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("previews-empty") });
        }
        Assert.True(await page.EvaluateAsync<bool>("() => window.catalystNoReload === true"), "navigating reloaded the page");

        // Dark mode turns the page dark.
        var light = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.Locator("#dark-mode").ClickAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("costs-dark") });

        var unknown = Guid.NewGuid();
        var response = await page.GotoAsync($"/tasks/{unknown}");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync($"There is no task with id {unknown}");
        await Assertions.Expect(page.Locator(".empty-state a[href='/']")).ToBeVisibleAsync();
        await page.GotoAsync($"/chat/{unknown}");
        await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync($"There is no conversation with id {unknown}");
        await page.GotoAsync("/tasks/not-a-task");
        await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync("There is no task with id not-a-task");
    }

    /// <summary>Stamps, in the page's own clock, the Enter in the message box and the first progress line drawn.</summary>
    const string FirstLineProbe = """
        () => {
            document.addEventListener('keydown', e => { if (e.key === 'Enter' && !window.catalystEnter) window.catalystEnter = performance.now(); }, true);
            new MutationObserver((_, observer) => {
                if (!window.catalystReply && document.querySelector('.message-assistant')) window.catalystReply = performance.now();
                if (document.querySelector('.progress-line')) { window.catalystFirstLine = performance.now(); observer.disconnect(); }
            }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    [GeneratedRegex(@"Agent is running…\s+\w[\w ]*\s+·\s+\d+:\d\d")]
    private static partial Regex BannerText();

    [GeneratedRegex(@"/chat/[0-9a-f-]{36}$")]
    private static partial Regex ChatAddress();
}
