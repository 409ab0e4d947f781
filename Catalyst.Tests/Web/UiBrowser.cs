using Catalyst.Agents.Tester;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>
/// Headless Chromium through Playwright, as the Tester's browser check launches it, plus where the UI tests keep
/// their screenshots: <c>$TEST_RESULTS_DIR/screenshots/ui</c>, else <c>TestResults/screenshots/ui</c> at the
/// repository root (the folder eng/test.sh collects results in).
/// </summary>
public sealed class UiBrowser : IAsyncDisposable
{
    readonly IPlaywright playwright;
    readonly IBrowser browser;

    UiBrowser(IPlaywright playwright, IBrowser browser) => (this.playwright, this.browser) = (playwright, browser);

    public static async Task<UiBrowser> LaunchAsync()
    {
        var path = new BrowserOptions().ChromiumPath;
        Assert.SkipUnless(File.Exists(path), $"Chromium is not installed at {path} (eng/install-deps.sh installs it).");
        // Playwright's 5 s for an expectation is a wait on a quiet desktop; CI shares two cores with the servers and
        // the builds under test, so an assertion waits as long as an action does before it fails
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new UiBrowser(playwright, browser);
    }

    /// <summary>A page on <paramref name="path"/> once its circuit is up: the message box is enabled only then.</summary>
    public async Task<IPage> OpenAsync(Uri baseAddress, string path, int width = 1280, int height = 900, bool waitForCircuit = true)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = baseAddress.ToString() });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(path);
        if (waitForCircuit) await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Until the page's circuit renders, the page is prerendered HTML whose buttons and tabs do nothing when
    /// clicked. The layout sets <c>data-theme</c> on the document at its first interactive render (MainLayout).
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.documentElement.dataset.theme !== undefined");

    /// <summary>
    /// The whole page from its top. The chat keeps its newest line in view, and a full-page capture of a scrolled
    /// page draws the fixed app bar and drawer at the scroll offset, across the content.
    /// </summary>
    public static async Task FullPageScreenshotAsync(IPage page, string name)
    {
        // Instantly: MudBlazor's stylesheet makes scrolling smooth, and a capture mid-scroll has the same fault.
        await page.EvaluateAsync("() => new Promise(done => { window.scrollTo({ top: 0, behavior: 'instant' }); requestAnimationFrame(() => requestAnimationFrame(done)); })");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath(name), FullPage = true });
    }

    public static string ScreenshotPath(string name)
    {
        var results = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR");
        if (string.IsNullOrEmpty(results))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
            results = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults");
        }
        var folder = Path.Combine(results, "screenshots", "ui");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
