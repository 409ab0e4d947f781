using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Catalyst.Agents.Tester;

/// <param name="Verified">What the check saw hold on the page: the not-built banner, controls per field type, colours of the presentation.</param>
public sealed record BrowserCheckResult(bool Passed, string Description, string? Error, IReadOnlyList<string> Verified);

/// <summary>
/// Drives the running app's page in headless Chromium the way a person would: signs up when the app has
/// accounts, checks the page names what was not built exactly when the spec has limitations, the colours the request asked for and the control of each typed field, creates a record
/// through the form and waits to see it listed (or uses the archetype's page), then keeps a screenshot.
/// </summary>
public sealed class BrowserCheck(BrowserOptions options)
{
    /// <summary>Null when the check can run, else why not (no browser installed).</summary>
    public string? Unavailable => File.Exists(options.ChromiumPath)
        ? null
        : $"Chromium is not installed at {options.ChromiumPath} (Debian/Ubuntu: apt-get install chromium; or set Catalyst:Agents:Browser:ChromiumPath).";

    public async Task<BrowserCheckResult> RunAsync(Uri app, JsonObject schema, string screenshot, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = options.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 800 } });
        page.SetDefaultTimeout((float)options.StepTimeout.TotalMilliseconds);
        var verified = new List<string>();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => { lock (scriptErrors) scriptErrors.Add(error.Split('\n')[0]); };
        try
        {
            await page.GotoAsync(app.ToString());
            if ((bool?)schema["auth"] == true)
            {
                await page.FillAsync("#register-form [name=email]", $"e2e-{Guid.NewGuid():N}@example.com");
                await page.FillAsync("#register-form [name=password]", "end-to-end password");
                await page.ClickAsync("#register-form [type=submit]");
                await page.Mouse.MoveAsync(0, 0); // a hovered button shows its hover colour
            }
            if ((string?)schema["kind"] != Coder.Model.ModelCommits.PageKind)
            {
                verified.AddRange(await PageExpectations.VerifyNotBuiltAsync(page, schema));
                verified.AddRange(await PageExpectations.VerifyColoursAsync(page, schema));
            }
            if ((string?)schema["kind"] is null or "crud")
            {
                verified.AddRange(await PageExpectations.VerifyControlsAsync(page, schema));
                verified.AddRange(await PageExpectations.VerifyLabelsAsync(page, schema));
            }
            var description = (string?)schema["kind"] switch
            {
                "hello-world" => await GreetAsync(page),
                "counter" => await CountAsync(page),
                "calculator" => await CalculateAsync(page),
                "url-shortener" => await ShortenAsync(page),
                Coder.Model.ModelCommits.PageKind => await LoadsAsync(page, scriptErrors),
                var kind when ArchetypeBrowserChecks.For(kind) is { } check => await check(page),
                _ => await CreateRecordAsync(page, schema),
            };
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            return new(true, description, null, verified);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            var message = await page.Locator("#message").TextContentAsync(new() { Timeout = 1000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
            return new(false, "the browser check did not complete", $"{ex.Message.Split('\n')[0]}{(string.IsNullOrWhiteSpace(message) ? "" : $" (page said: {message.Trim()})")}", verified);
        }
    }

    /// <summary>
    /// A model-written page has no hooks the check knows, so it checks what every page owes its user: it loads,
    /// names the app in its heading, and its script runs without an uncaught error.
    /// </summary>
    static async Task<string> LoadsAsync(IPage page, List<string> scriptErrors)
    {
        var heading = page.Locator("h1").First;
        await heading.WaitForAsync();
        var title = (await heading.TextContentAsync())?.Trim();
        if (string.IsNullOrEmpty(title)) throw new InvalidOperationException("the page's heading is empty");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        lock (scriptErrors)
            if (scriptErrors.Count > 0) throw new InvalidOperationException($"the page's script failed: {scriptErrors[0]}");
        return $"loaded the model-written page \"{title}\" and its script ran without errors";
    }

    static async Task<string> CreateRecordAsync(IPage page, JsonObject schema)
    {
        // A record that needs no other record first, so one form is enough.
        var entity = schema["entities"]!.AsArray().Select(e => e!.AsObject())
            .FirstOrDefault(e => e["fields"]!.AsArray().All(f => (string?)f!["type"] != "reference"))
            ?? throw new InvalidOperationException("every entity needs another record first");
        var route = (string)entity["route"]!;
        var form = page.Locator($"form[data-entity='{route}']");
        foreach (var field in entity["fields"]!.AsArray().Select(f => f!.AsObject()))
        {
            var input = form.Locator($"[name='{(string)field["name"]!}']");
            switch ((string)field["type"]!)
            {
                case "boolean": await input.CheckAsync(); break;
                case "money" or "decimal": await input.FillAsync("12.50"); break;
                case "integer": await input.FillAsync(Math.Clamp(3, (int?)field["minimum"] ?? 0, Math.Max((int?)field["minimum"] ?? 0, (int?)field["maximum"] ?? int.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                case "date": await input.FillAsync("2026-01-15"); break;
                case "datetime": await input.FillAsync("2026-01-15T18:30"); break;
                case "phone": await input.FillAsync("+1 555 123 4567"); break;
                case "enum": await input.SelectOptionAsync((string)field["options"]![0]!); break;
                case "email": await input.FillAsync("someone@example.com"); break;
                case "url": await input.FillAsync("https://example.com/e2e"); break;
                case "list": await input.FillAsync("first, second"); break;
                default: await input.FillAsync($"E2E {(string)field["label"]!}"); break;
            }
        }
        await form.Locator("[type=submit]").ClickAsync();
        await page.Locator($"table[data-list='{route}'] tr[data-id]").First.WaitForAsync();
        return $"created a {(string)entity["label"]!} through the form and saw it listed";
    }

    static async Task<string> GreetAsync(IPage page)
    {
        await page.FillAsync("[name=name]", "Ada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Greet" }).ClickAsync();
        await page.Locator("#greeting", new() { HasText = "Hello, Ada!" }).WaitForAsync();
        return "greeted Ada";
    }

    static async Task<string> CountAsync(IPage page)
    {
        await page.Locator("#counter-value").WaitForAsync();
        var before = int.Parse((await page.TextContentAsync("#counter-value"))!.Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "+1" }).ClickAsync();
        await page.Locator("#counter-value", new() { HasText = (before + 1).ToString() }).WaitForAsync();
        return "counted up by one";
    }

    static async Task<string> CalculateAsync(IPage page)
    {
        await page.FillAsync("#calculator-form [name=a]", "6");
        await page.FillAsync("#calculator-form [name=b]", "7");
        await page.SelectOptionAsync("#calculator-form [name=op]", "multiply");
        await page.ClickAsync("#calculator-form [type=submit]");
        await page.Locator("#result", new() { HasText = "42" }).WaitForAsync();
        return "multiplied 6 by 7";
    }

    static async Task<string> ShortenAsync(IPage page)
    {
        await page.FillAsync("#shorten-form [name=url]", "https://example.com/a/long/path");
        await page.ClickAsync("#shorten-form [type=submit]");
        await page.Locator("table[data-list='links'] tr[data-id]").First.WaitForAsync();
        return "shortened a URL and saw it listed";
    }
}

public sealed class BrowserOptions
{
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
