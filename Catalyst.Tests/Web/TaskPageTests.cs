using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Previews;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>
/// The task page of a real build, in headless Chromium against the real Api: the product's own agents build a todo
/// app and then a follow-up in one conversation, and the two task pages are checked against what the agents
/// recorded. One pipeline run serves every check, because a real run takes minutes.
/// </summary>
public sealed class TaskPageTests(PostgresServerFixture postgres)
{
    static readonly float Build = (float)TimeSpan.FromMinutes(12).TotalMilliseconds;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_real_build_shows_its_totals_score_diff_highlighted_files_and_design_and_a_follow_up_diff_is_only_the_change()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder,tester,reviewer,deployer",
            ["Catalyst:Preview:StopOnShutdown"] = "true",
        };
        foreach (var (key, value) in PreviewPorts.Settings()) settings[key] = value;
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), stepDelay: null, settings);
        await using var browser = await UiBrowser.LaunchAsync();
        using var api = new HttpClient { BaseAddress = host.BaseAddress };
        var page = await browser.OpenAsync(host.BaseAddress, "/");
        var input = page.Locator("#message-input");
        await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = 60_000 });

        // One conversation: an app, then a follow-up on the same project.
        await input.FillAsync("build a todo app with login");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("li.run .result-card")).ToBeVisibleAsync(new() { Timeout = Build });
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.FillAsync("now add a due date to todos");
        await input.PressAsync("Enter");
        await Assertions.Expect(page.Locator("li.run").Nth(1).Locator(".result-card")).ToBeVisibleAsync(new() { Timeout = Build });
        var runs = await page.Locator("li.run").EvaluateAllAsync<string[]>("runs => runs.map(r => r.dataset.task)");
        var (first, second) = (Guid.Parse(runs[0]), Guid.Parse(runs[1]));
        var firstTask = await GetJsonAsync(api, $"/api/tasks/{first}");
        var secondTask = await GetJsonAsync(api, $"/api/tasks/{second}");
        Assert.Equal(("completed", "completed"), ((string?)firstTask["status"], (string?)secondTask["status"]));
        Assert.Equal((string?)firstTask["project_id"], (string?)secondTask["project_id"]);

        // The first task's page: the totals and the score the agents measured for this task.
        await page.GotoAsync($"/tasks/{first}");
        await UiBrowser.WaitForCircuitAsync(page);
        var tests = firstTask["result"]!["tests"]!;
        var (passed, total, score) = ((int)tests["passed"]!, (int)tests["total"]!, (int)firstTask["result"]!["review"]!["score"]!);
        Assert.True(total > 0 && passed == total, tests.ToJsonString());
        await Assertions.Expect(page.Locator(".result-tests")).ToContainTextAsync($"{passed}/{total} passed");
        await Assertions.Expect(page.Locator(".result-review")).ToContainTextAsync($"{score}/100");
        await Assertions.Expect(page.Locator(".timeline-step")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator(".preview-frame iframe")).ToHaveAttributeAsync("src", (string)firstTask["preview_url"]!);
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-overview"), FullPage = true });

        await OpenTabAsync(page, "Tests");
        var summary = await GetJsonAsync(api, $"/api/tasks/{first}/artifacts/test-results/test-summary.json");
        Assert.Equal(total, (int)summary["unit"]!["total"]!);
        await Assertions.Expect(page.Locator(".tests-totals")).ToContainTextAsync($"{passed}/{total} passed");
        await Assertions.Expect(page.Locator(".tests-coverage")).ToContainTextAsync("line coverage");
        var screenshot = page.Locator(".tests-screenshot img");
        await Assertions.Expect(screenshot).ToBeVisibleAsync();
        Assert.True(await screenshot.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the end-to-end screenshot did not load");
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-tests"), FullPage = true });

        await OpenTabAsync(page, "Review");
        await Assertions.Expect(page.Locator(".review-score")).ToContainTextAsync($"{score}/100");
        await Assertions.Expect(page.Locator(".review-breakdown tr[data-category]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-review"), FullPage = true });

        // The diff of a first app: against main where the design was committed, so the generated files and nothing else.
        await OpenTabAsync(page, "Changes");
        var firstDiff = await GetJsonAsync(api, $"/api/tasks/{first}/diff");
        Assert.Equal("main", (string?)firstDiff["base"]);
        var firstFiles = firstDiff["files"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        await Assertions.Expect(page.Locator(".diff-file")).ToHaveCountAsync(firstFiles.Count);
        Assert.Equal(firstFiles, await page.Locator(".diff-file").EvaluateAllAsync<string[]>("files => files.map(f => f.dataset.path)"));
        Assert.Contains(firstFiles, p => p.EndsWith("/Models/Todo.cs", StringComparison.Ordinal));
        Assert.Contains(firstFiles, p => p.EndsWith("Program.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(firstFiles, p => p.StartsWith("planning/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".diff-base")).ToContainTextAsync("Compared with main");
        var model = firstFiles.First(p => p.EndsWith("/Models/Todo.cs", StringComparison.Ordinal));
        await ShowPatchAsync(page, model);
        await Assertions.Expect(page.Locator($".diff-file[data-path='{model}'] code.hljs .hljs-addition").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-changes") });

        // The file viewer: the branch's tree, and a C# file highlighted by highlight.js.
        await OpenTabAsync(page, "Files");
        await page.Locator($".file-tree button[data-path='{model}']").ClickAsync();
        await Assertions.Expect(page.Locator(".file-viewer-path")).ToHaveTextAsync(model);
        var source = page.Locator(".file-viewer code");
        await Assertions.Expect(source).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bhljs\b"));
        await Assertions.Expect(source.Locator("span.hljs-keyword").First).ToBeVisibleAsync();
        await Assertions.Expect(source).ToContainTextAsync("class Todo");
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-files"), FullPage = true });

        // Dark mode switches the code to highlight.js's dark stylesheet (github-dark), and back.
        await Assertions.Expect(source).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        await page.Locator("#dark-mode").ClickAsync();
        await Assertions.Expect(source).ToHaveCSSAsync("background-color", "rgb(13, 17, 23)");
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the file viewer in dark mode");
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-files-dark"), FullPage = true });
        await page.Locator("#dark-mode").ClickAsync();
        await Assertions.Expect(source).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");

        await OpenTabAsync(page, "Plan and design");
        await Assertions.Expect(page.Locator(".architecture-diagram svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".architecture-diagram svg")).ToContainTextAsync("Browser");
        await Assertions.Expect(page.Locator(".plan-view code.hljs")).ToContainTextAsync("features");
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-design"), FullPage = true });

        // The follow-up's diff is against the first task's branch: the due date, not the whole app again.
        await page.GotoAsync($"/tasks/{second}");
        await UiBrowser.WaitForCircuitAsync(page);
        await OpenTabAsync(page, "Changes");
        var secondDiff = await GetJsonAsync(api, $"/api/tasks/{second}/diff");
        Assert.Equal((string?)firstTask["branch_name"], (string?)secondDiff["base"]);
        Assert.Equal(first.ToString(), (string?)secondDiff["previous_task_id"]);
        var secondFiles = secondDiff["files"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        await Assertions.Expect(page.Locator(".diff-base")).ToContainTextAsync($"previous task's branch {firstTask["branch_name"]}");
        Assert.Equal(secondFiles, await page.Locator(".diff-file").EvaluateAllAsync<string[]>("files => files.map(f => f.dataset.path)"));
        Assert.Contains(model, secondFiles);
        Assert.True(secondFiles.Count < firstFiles.Count, $"the follow-up's diff has {secondFiles.Count} files, the whole app {firstFiles.Count}: {string.Join(", ", secondFiles)}");
        Assert.DoesNotContain(secondFiles, p => p.EndsWith("Program.cs", StringComparison.Ordinal) || p.EndsWith(".csproj", StringComparison.Ordinal) || p.Contains("/Auth/", StringComparison.Ordinal));
        await ShowPatchAsync(page, model);
        await Assertions.Expect(page.Locator($".diff-file[data-path='{model}'] .hljs-addition", new() { HasText = "DueDate" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = UiBrowser.ScreenshotPath("task-page-follow-up-changes"), FullPage = true });
    }

    /// <summary>Opens a file's patch in the diff, as a reader clicks it open (a large change starts with each file closed).</summary>
    static async Task ShowPatchAsync(IPage page, string path)
    {
        var file = page.Locator($".diff-file[data-path='{path}'] details");
        if (!await file.EvaluateAsync<bool>("details => details.open")) await file.Locator("summary").ClickAsync();
    }

    /// <summary>
    /// Opens a tab. A click that lands before the page's circuit is up hits the prerendered tab and does nothing
    /// (CI saw it after navigating to the second task), so the tab is clicked again until it is the active one.
    /// </summary>
    static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.Locator(".task-tabs .mud-tab", new() { HasTextString = name });
        var active = new System.Text.RegularExpressions.Regex(@"\bmud-tab-active\b");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await tab.ClickAsync();
            try
            {
                await Assertions.Expect(tab).ToHaveClassAsync(active, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
        }
    }

    static async Task<JsonNode> GetJsonAsync(HttpClient api, string path) => JsonNode.Parse(await api.GetStringAsync(path, Ct))!;
}
