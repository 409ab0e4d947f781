using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Previews;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>
/// The chat with the product's own agents, in the Api process as <c>dotnet run --project Catalyst.Api</c> runs it:
/// a person asks for a todo app with login, watches it being built, opens the preview and uses the app. Also where
/// the chat's figures are measured: Enter to the first progress line on screen (the first message of a fresh
/// process, then a warm one) and the Api's memory while the page follows a build.
/// </summary>
public sealed partial class ChatBuildTests(PostgresServerFixture postgres)
{
    static readonly float Build = (float)TimeSpan.FromMinutes(8).TotalMilliseconds;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Asking_the_real_agents_for_a_todo_app_with_login_ends_at_a_preview_where_a_person_signs_up_and_adds_a_todo()
    {
        using var dataRoot = new TestDirectory("chat-build");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst__DataRoot"] = dataRoot.Path,
            ["Catalyst__Preview__StopOnShutdown"] = "true",
        };
        foreach (var (key, value) in PreviewPorts.Settings("Catalyst__Preview__")) environment[key] = value;
        await using var api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
        using var memory = new ProcessMemory(api.ProcessId);
        await using var browser = await UiBrowser.LaunchAsync();
        var page = await browser.OpenAsync(url, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("() => window.catalystNoReload = true");
        await page.EvaluateAsync(FirstLine.Probe("cold", ".progress-line"));

        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await page.Locator(".progress-line").First.WaitForAsync(new() { Timeout = 60_000 });
        var cold = await FirstLine.MillisecondsAsync(page, "cold");
        await Assertions.Expect(page.Locator("#agent-banner")).ToContainTextAsync("Agent is running…");
        await Assertions.Expect(input).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".agent-group[data-agent=coder] .progress-line").First).ToBeVisibleAsync(new() { Timeout = Build });
        memory.Sample();
        await UiBrowser.FullPageScreenshotAsync(page, "real-chat-mid-build");
        await Assertions.Expect(page.Locator(".agent-group[data-agent=tester]")).ToBeVisibleAsync(new() { Timeout = Build });
        memory.Sample();

        var card = page.Locator(".result-card");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = Build });
        memory.Sample();
        Assert.Equal("completed", await card.GetAttributeAsync("data-status"));
        await Assertions.Expect(card.Locator(".result-tests")).ToContainTextAsync(TestTotals());
        await Assertions.Expect(card.Locator(".result-review")).ToContainTextAsync(ReviewScore());
        await Assertions.Expect(page.Locator("#agent-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(input).ToBeEnabledAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.catalystNoReload === true"), "the page was reloaded");
        var groups = await page.Locator(".agent-group").EvaluateAllAsync<string[]>("groups => groups.map(g => g.dataset.agent)");
        Assert.Equal(["planner", "architect", "coder", "tester", "reviewer", "deployer"], groups.Distinct());
        await card.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("real-chat-result-card") });
        var conversation = page.Url;

        // The preview link opens the generated app, and it works: sign up, add a todo, see it listed.
        var app = await page.RunAndWaitForPopupAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Open the app" }).ClickAsync());
        await app.Locator("#register-form [name=email]").FillAsync($"chat-{Guid.NewGuid():N}@example.com");
        await app.Locator("#register-form [name=password]").FillAsync("a password from the chat test");
        await app.Locator("#register-form [type=submit]").ClickAsync();
        var todos = app.Locator("form[data-entity='todos']");
        await todos.Locator("[name='title' i]").FillAsync("Water the plants");
        await todos.Locator("[type=submit]").ClickAsync();
        await Assertions.Expect(app.Locator("table[data-list='todos'] tr[data-id]")).ToContainTextAsync("Water the plants");
        await app.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("real-preview-app"), FullPage = true });
        await app.CloseAsync();

        // A second message in the same, now warm, process.
        await page.EvaluateAsync(FirstLine.Probe("warm", "li.run ~ li.run .progress-line"));
        await input.FillAsync("now add a due date to todos");
        await input.PressAsync("Enter");
        await page.Locator("li.run ~ li.run .progress-line").First.WaitForAsync(new() { Timeout = 60_000 });
        var warm = await FirstLine.MillisecondsAsync(page, "warm");
        memory.Sample();

        // The previews page lists the running app; deleting it leaves the chat's card saying so, with a way back.
        await page.GotoAsync("/previews");
        await UiBrowser.WaitForCircuitAsync(page);
        var row = page.Locator(".previews-table tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("running", new() { Timeout = 30_000 });
        await UiBrowser.FullPageScreenshotAsync(page, "previews");
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the previews page with a preview");
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("deleted");
        await page.GotoAsync(conversation);
        var gone = page.Locator(".result-card").First.Locator(".preview-unreachable");
        await Assertions.Expect(gone).ToContainTextAsync("This preview was deleted");
        await Assertions.Expect(gone.GetByRole(AriaRole.Button, new() { Name = "Restart it" })).ToBeVisibleAsync();
        await page.Locator(".result-card").First.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("chat-preview-unreachable") });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the chat with a deleted preview");

        var figures = $"real agents, Api process: Enter to first progress line on screen {cold:0} ms (first message of the process), {warm:0} ms (a warm one); "
            + $"Api memory while the chat followed the build: {memory}";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        await File.AppendAllTextAsync(Path.ChangeExtension(UiBrowser.ScreenshotPath("timings"), ".txt"), $"{DateTimeOffset.UtcNow:u} {figures}\n", Ct);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+)/\1 passed")]
    private static partial System.Text.RegularExpressions.Regex TestTotals();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+/100 · \d+ issues?")]
    private static partial System.Text.RegularExpressions.Regex ReviewScore();

    /// <summary>Stamps, in the page's own clock, the next Enter and the first element matching a selector drawn after it.</summary>
    static class FirstLine
    {
        public static string Probe(string name, string selector) => $$"""
            () => {
                const before = document.querySelectorAll('{{selector}}').length;
                document.addEventListener('keydown', e => { if (e.key === 'Enter' && !window.enter_{{name}}) window.enter_{{name}} = performance.now(); }, true);
                new MutationObserver((_, observer) => {
                    if (window.enter_{{name}} && document.querySelectorAll('{{selector}}').length > before) { window.line_{{name}} = performance.now(); observer.disconnect(); }
                }).observe(document.body, { childList: true, subtree: true });
            }
            """;

        public static Task<double> MillisecondsAsync(IPage page, string name) =>
            page.EvaluateAsync<double>($"() => window.line_{name} - window.enter_{name}");
    }

    /// <summary>The Api process's resident memory (its working set), from /proc: samples taken while the build runs, and the peak.</summary>
    sealed class ProcessMemory(int processId) : IDisposable
    {
        readonly List<long> samples = [];

        public void Sample() => samples.Add(ReadField("VmRSS"));

        long ReadField(string field) =>
            File.ReadLines($"/proc/{processId}/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).FirstOrDefault();

        public override string ToString()
        {
            var peak = ReadField("VmHWM");
            return $"working set {string.Join(" / ", samples.Select(Mb))} (mid-build, tests running, done, second build starting), peak {Mb(peak)}";
        }

        static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0} MB";

        public void Dispose() { }
    }
}
