using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Explorer;
using Catalyst.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Catalyst.Tests.Web;

/// <summary>The Explorer page: the scans the real explorer agent made, with their scores, tasks and graphs.</summary>
public sealed class ExplorerPageTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scan_is_listed_with_its_status_scores_task_and_graph_and_the_page_is_accessible()
    {
        using var work = new TestDirectory("xpage");
        await using var host = new UiHost(await postgres.CreateMigratedDatabaseAsync(), stepDelay: null, new Dictionary<string, string?>
        {
            ["Catalyst:Agents:Enabled"] = "explorer",
            ["Catalyst:Explorer:AllowedRoots:0"] = work.Path,
        });
        await using var browser = await UiBrowser.LaunchAsync();

        var empty = await browser.OpenAsync(host.BaseAddress, "/explorer");
        await Assertions.Expect(empty.Locator(".empty-state")).ToContainTextAsync("Nothing has been scanned yet.");

        var repository = FixtureRepositories.Create(Path.Combine(work.Path, "express-shop"), FixtureRepositories.Express);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await http.PostAsJsonAsync("/api/explorer/scan", new { type = "repository", target = new Uri(repository).AbsoluteUri }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var (scanId, taskId) = ((string)created["scan_id"]!, (string)created["task_id"]!);
        var scan = await ExplorerApiTests.WaitForScanAsync(http, scanId, () => "");
        Assert.Equal("completed", (string?)scan["status"]);

        var page = await browser.OpenAsync(host.BaseAddress, "/explorer");
        var row = page.Locator(".scans-table tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".scan-target")).ToContainTextAsync("express-shop");
        await Assertions.Expect(row.Locator(".scan-status")).ToHaveTextAsync("completed");
        await Assertions.Expect(row.Locator(".scan-security")).ToHaveTextAsync($"{(decimal)scan["security_score"]!:0}/100");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "Dependency graph" }))
            .ToHaveAttributeAsync("href", $"api/explorer/scans/{scanId}/graph?format=svg");
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "the explorer page");
        await UiBrowser.FullPageScreenshotAsync(page, "explorer");

        await row.GetByRole(AriaRole.Link, new() { Name = "Task" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/{taskId}");
        await Assertions.Expect(page.Locator(".task-prompt")).ToContainTextAsync("analyze");
    }
}
