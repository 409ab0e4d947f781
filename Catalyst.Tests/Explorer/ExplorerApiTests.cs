using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Tests.Explorer;

/// <summary>
/// The Explorer through the API: a scan is a resource whose work runs as the explorer agent on the bus, in a task
/// of its own, embedded and distributed; refused targets and unknown scans are problem+json; and "analyze X and
/// build something similar" ends in a completed task whose app has X's records.
/// </summary>
public sealed class ExplorerApiTests(PostgresServerFixture postgres, RabbitMqServerFixture rabbit, ITestOutputHelper output)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    readonly LogCapture logs = new();

    PipelineApi Api(Dictionary<string, string?> settings) =>
        new(settings, PipelineAgents.Real, services => services.AddSingleton<ILoggerProvider>(logs));

    string Errors() => string.Join('\n', logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(10));
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<Dictionary<string, string?>> SettingsAsync(TestDirectory work, string? agents = "explorer")
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst:Explorer:AllowedRoots:0"] = work.Path,
        };
        if (agents is not null) settings["Catalyst:Agents:Enabled"] = agents; // unset: every agent
        return settings;
    }

    async Task<JsonObject> StartScanAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/explorer/scan", request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{body}\n{Errors()}");
        var created = JsonNode.Parse(body)!.AsObject();
        Assert.Equal($"/api/explorer/scans/{created["scan_id"]}", response.Headers.Location?.OriginalString);
        return created;
    }

    internal static async Task<JsonObject> WaitForScanAsync(HttpClient client, string scanId, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var scan = JsonNode.Parse(await client.GetStringAsync($"/api/explorer/scans/{scanId}", Ct))!.AsObject();
            if ((string?)scan["status"] is "completed" or "failed") return scan;
            Assert.True(DateTime.UtcNow < deadline, $"Scan {scanId} is still {scan["status"]}. {diagnostics()}");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task A_scan_runs_in_a_task_of_its_own_and_serves_its_findings_graph_and_artifacts()
    {
        using var work = new TestDirectory("xapi");
        var repository = FixtureRepositories.Create(Path.Combine(work.Path, "express-shop"), FixtureRepositories.Express);
        await using var api = Api(await SettingsAsync(work));
        var client = api.CreateClient();

        var clock = Stopwatch.StartNew();
        var created = await StartScanAsync(client, new { type = "repository", target = new Uri(repository).AbsoluteUri });
        var (scanId, taskId) = ((string)created["scan_id"]!, (string)created["task_id"]!);
        var scan = await WaitForScanAsync(client, scanId, Errors);
        output.WriteLine($"Repository scan through the API: {clock.Elapsed.TotalSeconds:0.00} s end to end, {scan["duration_seconds"]} s scanning");

        Assert.True((string?)scan["status"] == "completed", scan.ToJsonString());
        Assert.Equal(75m, (decimal)scan["security_score"]!);
        Assert.Contains("not checked", (string?)scan["score_explanation"]);
        Assert.Equal(["Order", "Product"], scan["findings"]!["entities"]!.AsArray().Select(e => (string)e!["name"]!).Order());
        Assert.Equal(FixtureRepositories.ExpressEndpoints.Length, (int)scan["findings"]!["summary"]!["endpoints"]!);
        Assert.DoesNotContain(FixtureRepositories.FakeAwsKey, scan.ToJsonString());

        // the task: explored, then completed, with the scan's events and progress in its timeline
        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal(("completed", "exploring"), ((string?)task["status"], (string?)task["current_phase"]));
        var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray().Select(e => (string)e!["event_type"]!).ToList();
        Assert.Equal("explorer.requested", events[0]);
        Assert.Contains("explorer.findings", events);
        var logs = await client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct);
        Assert.Contains("Exploration complete", logs);
        Assert.DoesNotContain(FixtureRepositories.FakeAwsKey, logs);

        var artifacts = await client.GetStringAsync($"/api/tasks/{taskId}/artifacts", Ct);
        foreach (var file in new[] { "report.md", "findings.json", "tech-stack.json", "suggested-tasks.yaml", "security/security-score.json", "security/recommendations.md",
                     "dependencies/dependency-graph.svg", "dependencies/cves.json", "architecture/inferred-architecture.md", "architecture/component-map.svg" })
            Assert.Contains($"explorer/{scanId}/{file}", artifacts);
        Assert.Contains("Express", await client.GetStringAsync($"/api/tasks/{taskId}/artifacts/explorer/{scanId}/report.md", Ct));

        var graph = JsonNode.Parse(await client.GetStringAsync($"/api/explorer/scans/{scanId}/graph", Ct))!;
        Assert.Contains(graph["nodes"]!.AsArray(), n => (string?)n!["id"] == "npm:express" && (string?)n["version"] == "^4.18.2");
        Assert.Contains(graph["edges"]!.AsArray(), e => (string?)e!["from"] == "manifest:package.json" && (string?)e["to"] == "npm:mongoose");
        using var svgRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/explorer/scans/{scanId}/graph");
        svgRequest.Headers.Accept.ParseAdd("image/svg+xml");
        var svg = await client.SendAsync(svgRequest, Ct);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("express", await svg.Content.ReadAsStringAsync(Ct));
        var svgByQuery = await client.GetAsync($"/api/explorer/scans/{scanId}/graph?format=svg", Ct);
        Assert.StartsWith("<svg", await svgByQuery.Content.ReadAsStringAsync(Ct));

        var list = JsonNode.Parse(await client.GetStringAsync("/api/explorer/scans", Ct))!;
        Assert.Contains(list["items"]!.AsArray(), s => (string?)s!["id"] == scanId && (string?)s["status"] == "completed");
    }

    [Fact]
    public async Task Bad_requests_refused_targets_and_unknown_scans_are_problem_json_saying_why()
    {
        using var work = new TestDirectory("xapi");
        using var elsewhere = new TestDirectory("xapi-out");
        await using var api = Api(await SettingsAsync(work));
        var client = api.CreateClient();

        var noType = await client.PostAsJsonAsync("/api/explorer/scan", new { target = work.Path }, Ct);
        await AssertProblemAsync(noType, HttpStatusCode.BadRequest, "The type is required");
        var badType = await client.PostAsJsonAsync("/api/explorer/scan", new { type = "telepathy", target = work.Path }, Ct);
        await AssertProblemAsync(badType, HttpStatusCode.BadRequest, "'telepathy' is not a kind of scan");
        var outside = await client.PostAsJsonAsync("/api/explorer/scan", new { type = "repository", target = elsewhere.Path }, Ct);
        await AssertProblemAsync(outside, HttpStatusCode.BadRequest, "outside the folders the Explorer may read");
        var ftp = await client.PostAsJsonAsync("/api/explorer/scan", new { type = "repository", target = "ftp://example.com/x.git" }, Ct);
        await AssertProblemAsync(ftp, HttpStatusCode.BadRequest, "'ftp' URLs cannot be cloned");
        Assert.Equal(0, (int)JsonNode.Parse(await client.GetStringAsync("/api/explorer/scans", Ct))!["total"]!);

        var missing = Guid.NewGuid();
        await AssertProblemAsync(await client.GetAsync($"/api/explorer/scans/{missing}", Ct), HttpStatusCode.NotFound, $"no scan with id {missing}");
        await AssertProblemAsync(await client.GetAsync($"/api/explorer/scans/{missing}/graph", Ct), HttpStatusCode.NotFound, $"no scan with id {missing}");

        // accepted (a project is named by id), but there is no such project: the scan and its task fail saying so
        var unknownProject = Guid.NewGuid();
        var created = await StartScanAsync(client, new { type = "repository", target = unknownProject.ToString() });
        var failed = await WaitForScanAsync(client, (string)created["scan_id"]!, Errors);
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Contains($"There is no Catalyst project '{unknownProject}'", (string?)failed["error"]);
        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{created["task_id"]}", Ct))!;
        Assert.Equal("failed", (string?)task["status"]);
        await AssertProblemAsync(await client.GetAsync($"/api/explorer/scans/{created["scan_id"]}/graph", Ct), HttpStatusCode.Conflict, "failed, so it has no graph");
    }

    [Fact]
    public async Task A_database_scan_through_the_api_finds_the_relationships_and_the_unindexed_foreign_key_and_never_shows_the_password()
    {
        using var work = new TestDirectory("xapi-db");
        var shop = await postgres.CreateDatabaseAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(shop))
        {
            await connection.OpenAsync(Ct);
            await using var create = new Npgsql.NpgsqlCommand("""
                CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL);
                CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), total numeric(10,2));
                """, connection);
            await create.ExecuteNonQueryAsync(Ct);
        }
        await using var api = Api(await SettingsAsync(work));
        var client = api.CreateClient();
        var target = shop;
        var password = new Npgsql.NpgsqlConnectionStringBuilder(shop).Password;
        Assert.False(string.IsNullOrEmpty(password), "The fixture's connection string should carry a password, to show it never leaks.");

        var created = await StartScanAsync(client, new { type = "database", target });
        var scan = await WaitForScanAsync(client, (string)created["scan_id"]!, Errors);
        output.WriteLine($"Database scan through the API: {scan["duration_seconds"]} s scanning");

        Assert.True((string?)scan["status"] == "completed", scan.ToJsonString());
        var everything = scan.ToJsonString();
        Assert.Contains("customer_id", everything);
        Assert.Contains("CREATE INDEX", everything);
        Assert.Contains(scan["findings"]!["entities"]!.AsArray(), e => (string?)e!["name"] == "Order");
        var taskId = (string)created["task_id"]!;
        foreach (var shown in new[] { everything, await client.GetStringAsync("/api/explorer/scans", Ct),
                     await client.GetStringAsync($"/api/tasks/{taskId}", Ct), await client.GetStringAsync($"/api/tasks/{taskId}/logs", Ct),
                     await client.GetStringAsync($"/api/events/{taskId}", Ct), string.Join('\n', logs.Lines) })
            Assert.DoesNotContain(password, shown);
    }

    [Fact]
    public async Task In_distributed_mode_the_explorer_runs_in_a_worker_process()
    {
        using var work = new TestDirectory("xapi");
        var repository = FixtureRepositories.Create(Path.Combine(work.Path, "express-shop"), FixtureRepositories.Express);
        await using var pipeline = await DistributedPipeline.StartAsync(postgres, rabbit, workerCount: 0, new Dictionary<string, string?>
        {
            ["Catalyst:Agents:Enabled"] = "explorer",
            ["Catalyst:Explorer:AllowedRoots:0"] = work.Path,
        });
        await pipeline.StartWorkerAsync(realAgents: true);
        var client = pipeline.Api.CreateClient();

        var created = await StartScanAsync(client, new { type = "repository", target = repository });
        var scan = await WaitForScanAsync(client, (string)created["scan_id"]!, pipeline.Diagnostics);

        Assert.True((string?)scan["status"] == "completed", scan.ToJsonString());
        output.WriteLine($"Repository scan in a worker: {scan["duration_seconds"]} s scanning");
        Assert.Equal(["Order", "Product"], scan["findings"]!["entities"]!.AsArray().Select(e => (string)e!["name"]!).Order());
        Assert.Equal("completed", (await pipeline.Database.StatusesAsync([Guid.Parse((string)created["task_id"]!)])).Single().Value);
    }

    [Fact]
    public async Task Analyze_a_repository_and_build_something_similar_ends_in_a_completed_app_with_its_records()
    {
        using var work = new TestDirectory("xapi");
        var repository = FixtureRepositories.Create(Path.Combine(work.Path, "express-shop"), FixtureRepositories.Express);
        var settings = await SettingsAsync(work, agents: null);
        settings["Catalyst:Preview:Mode"] = "ComposeOnly"; // the app is the point here, not a running preview
        await using var api = Api(settings);
        var client = api.CreateClient();

        var clock = Stopwatch.StartNew();
        var chat = await client.PostAsJsonAsync("/api/chat", new { message = $"Analyze {new Uri(repository).AbsoluteUri} and build something similar" }, Ct);
        var reply = JsonNode.Parse(await chat.Content.ReadAsStringAsync(Ct))!;
        Assert.True((string?)reply["intent"] == "analyze", reply.ToJsonString());
        Assert.Contains("builds something similar", (string?)reply["reply"]);
        var taskId = Guid.Parse((string)reply["task_id"]!);
        var (_, failure) = await api.WaitForEventAsync(taskId, "deploy.complete", TimeSpan.FromMinutes(8));
        Assert.True(failure is null, failure);
        output.WriteLine($"Analyze and build something similar: {clock.Elapsed.TotalSeconds:0.0} s to a completed task");

        var task = JsonNode.Parse(await client.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
        Assert.Equal("completed", (string?)task["status"]);
        var events = JsonNode.Parse(await client.GetStringAsync($"/api/events/{taskId}", Ct))!.AsArray().Select(e => e!.AsObject()).ToList();
        var order = events.Select(e => (string)e["event_type"]!).Where(t => t is "explorer.requested" or "explorer.findings" or "plan.created" or "code.pr.opened").Distinct().ToList();
        Assert.Equal(["explorer.requested", "explorer.findings", "plan.created", "code.pr.opened"], order);

        var opened = events.Last(e => (string?)e["event_type"] == "code.pr.opened")["payload"]!;
        var (local, branch) = ((string)opened["local_repo"]!, (string)opened["branch"]!);
        var plan = await GitAsync(local, "show", "main:planning/plan.yaml");
        Assert.Contains("findings:", plan);
        Assert.Contains("models/product.js", plan); // the plan says which findings it used
        Assert.Contains("Node.js", plan);
        var files = (await GitAsync(local, "ls-tree", "-r", "--name-only", branch)).Split('\n');
        Assert.Contains(files, f => f.Contains("product", StringComparison.OrdinalIgnoreCase) && f.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("order", StringComparison.OrdinalIgnoreCase) && f.EndsWith(".js", StringComparison.Ordinal));
        var contract = await GitAsync(local, "show", $"{branch}:architecture/api-contracts/openapi.yaml");
        Assert.Contains("/api/products", contract);
        Assert.Contains("/api/orders", contract);
        Assert.Contains("customerEmail", contract);
        Assert.Contains("inStock", contract);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string?)JsonNode.Parse(body)!["detail"]);
    }

    static async Task<string> GitAsync(string repository, params string[] arguments)
    {
        var spec = new ProcessSpec("git", arguments) { WorkingDirectory = repository, Timeout = TimeSpan.FromSeconds(30) };
        return (await new ProcessRunner().RunAsync(spec, Ct)).EnsureSuccess(spec).StandardOutput;
    }
}
