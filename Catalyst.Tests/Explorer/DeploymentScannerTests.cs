using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Deployer;
using Catalyst.Agents.Explorer;
using Catalyst.Agents.Explorer.Deployment;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Explorer;

/// <summary>The deployment scan against a real ASP.NET Core app on loopback, and the targets it must refuse.</summary>
public sealed class DeploymentScannerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_app_is_found_healthy_with_its_openapi_endpoints_and_its_missing_security_headers()
    {
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct);
        using var output = new TestDirectory("deployscan");

        var clock = Stopwatch.StartNew();
        var result = await Scanner(new() { LatencySamples = 10 }).ScanAsync(Job(app.BaseAddress.ToString(), output.Path), Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"Deployment scan: {clock.Elapsed.TotalMilliseconds:0} ms for {result.Measurements["requests_made"]} requests " +
                                                        $"(p50 {result.Measurements["latency_ms"]!["p50"]} ms, p95 {result.Measurements["latency_ms"]!["p95"]} ms)");

        Assert.Equal(200, (int)result.Measurements["health"]!["status"]!);
        Assert.EndsWith("/openapi/v1.json", (string)result.Measurements["openapi"]!["url"]!);
        var endpoints = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "endpoints.json"), Ct))!["endpoints"]!.AsArray();
        Assert.Equal(["GET /api/authors", "GET /api/books", "GET /api/books/{id}", "POST /api/books"],
            endpoints.Select(e => $"{e!["method"]} {e["path"]}").Order(StringComparer.Ordinal));

        // Every security header is missing from the page, and each one costs the score what HowComputed says.
        Assert.Equal(
            ["Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options / frame-ancestors"],
            result.Findings.Where(f => f.Category == "security-headers").Select(f => f.Title.Replace(" is missing", "")).Order(StringComparer.Ordinal));
        Assert.Equal(45, result.Scores.Security);
        Assert.Contains("Content-Security-Policy missing (20)", result.Scores.HowComputed);
        Assert.Equal(100, result.Scores.TechDebt);
        Assert.Contains(result.Suggestions, s => s.Title == "Send the Content-Security-Policy header");

        // The API's record schemas become entities, the $ref a reference.
        var book = result.Entities.Single(e => e.Name == "Book");
        Assert.Equal(new DiscoveredField("Author", FieldType.Reference, true, "Author"), book.Fields.Single(f => f.Name == "Author") with { Required = true });
        Assert.Equal(FieldType.Date, book.Fields.Single(f => f.Name == "Published").Type);
        Assert.Equal(FieldType.Decimal, book.Fields.Single(f => f.Name == "Price").Type);
        Assert.Contains(result.Entities, e => e.Name == "Author");

        var detected = result.TechStack["detected"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        Assert.Contains("ASP.NET Core (Kestrel)", detected);
        Assert.Contains("Catalyst 1.0", detected);
        Assert.Contains("htmx", detected);

        Assert.Equal(10, (int)result.Measurements["samples"]!);
        Assert.True((double)result.Measurements["latency_ms"]!["p95"]! >= (double)result.Measurements["latency_ms"]!["p50"]!);
        Assert.True((int)result.Measurements["requests_made"]! <= 40);
        foreach (var file in new[] { "security/headers.json", "endpoints.json", "latency.json" }) Assert.True(File.Exists(Path.Combine(output.Path, file)), file);
        Assert.Contains("| Content-Security-Policy | **missing** |", result.ReportMarkdown);
        Assert.Contains("`/api/books/{id}`", result.ReportMarkdown);
    }

    [Fact]
    public async Task A_catalyst_generated_app_without_openapi_is_read_from_its_schema_json()
    {
        var spec = new AppSpec
        {
            Name = "library", Title = "Library", Identifier = "Library",
            Entities =
            [
                new EntitySpec { Name = "Author", Plural = "Authors", Route = "authors", Label = "author",
                    Fields = [new FieldSpec { Name = "Name", JsonName = "name", Label = "name", Type = FieldType.String, Required = true }] },
                new EntitySpec { Name = "Book", Plural = "Books", Route = "books", Label = "book",
                    Fields =
                    [
                        new FieldSpec { Name = "Title", JsonName = "title", Label = "title", Type = FieldType.String, Required = true },
                        new FieldSpec { Name = "Tags", JsonName = "tags", Label = "tags", Type = FieldType.StringList },
                        new FieldSpec { Name = "AuthorId", JsonName = "authorId", Label = "author", Type = FieldType.Reference, References = "Author", Required = true },
                    ] },
            ],
        };
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct, catalystSchema: spec);
        using var output = new TestDirectory("deployscan");

        var result = await Scanner(new() { LatencySamples = 2 }).ScanAsync(Job(app.BaseAddress.ToString(), output.Path), Ct);

        Assert.Contains(result.Findings, f => f.Title == "No OpenAPI document at the usual paths");
        Assert.Contains(result.Findings, f => f.Title == "Catalyst app schema found");
        Assert.Equal(new DiscoveredField("AuthorId", FieldType.Reference, true, "Author"), result.Entities.Single(e => e.Name == "Book").Fields.Single(f => f.Name == "AuthorId"));
        Assert.Equal(FieldType.StringList, result.Entities.Single(e => e.Name == "Book").Fields.Single(f => f.Name == "Tags").Type);
        var endpoints = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "endpoints.json"), Ct))!["endpoints"]!.AsArray();
        Assert.Contains(endpoints, e => (string?)e!["method"] == "DELETE" && (string?)e["path"] == "/api/books/{id}");
        Assert.Equal(10, endpoints.Count);
    }

    [Fact]
    public async Task A_page_that_sends_every_security_header_has_none_reported_missing()
    {
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct);
        using var output = new TestDirectory("deployscan");

        var result = await Scanner(new() { LatencySamples = 2 }).ScanAsync(Job(new Uri(app.BaseAddress, "/secure/").ToString(), output.Path), Ct);

        Assert.True((bool)result.Measurements["reachable"]!, result.ReportMarkdown);
        Assert.DoesNotContain(result.Findings, f => f.Category == "security-headers");
        Assert.Equal(100, result.Scores.Security);
        var headers = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "security", "headers.json"), Ct))!["checks"]!.AsArray();
        Assert.All(headers, h => Assert.True((bool)h!["present"]!));
    }

    [Fact]
    public async Task The_scan_makes_no_more_requests_than_its_budget()
    {
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct);
        using var output = new TestDirectory("deployscan");
        var before = app.Requests;

        var result = await Scanner().ScanAsync(Job(app.BaseAddress.ToString(), output.Path, ("max_requests", "5")), Ct);

        Assert.Equal(5, app.Requests - before);
        Assert.Equal(5, (int)result.Measurements["requests_made"]!);
        Assert.Contains(result.Findings, f => f.Title == "The request budget was spent");
    }

    [Fact]
    public async Task A_deployment_that_never_answers_ends_the_scan_at_its_time_budget_with_a_partial_result()
    {
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct);
        using var output = new TestDirectory("deployscan");

        var clock = Stopwatch.StartNew();
        var result = await Scanner(new() { RequestTimeout = TimeSpan.FromSeconds(30) })
            .ScanAsync(Job(new Uri(app.BaseAddress, "/slow").ToString(), output.Path, ("time_budget_seconds", "1")), Ct);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)); // the budget, not the 30 s request timeout
        Assert.True((bool)result.Measurements["time_budget_ran_out"]!);
        Assert.Contains(result.Findings, f => f.Title == "The time budget ran out");
    }

    [Fact]
    public async Task A_redirect_to_a_host_outside_the_allowed_set_is_not_followed()
    {
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct);
        using var output = new TestDirectory("deployscan");

        var result = await Scanner(new() { LatencySamples = 1 }).ScanAsync(Job(new Uri(app.BaseAddress, "/away").ToString(), output.Path), Ct);

        var refused = Assert.Single(result.Findings, f => f.Title == "A redirect to a non-allowed target was not followed");
        Assert.Contains("10.1.2.3", refused.Detail);
    }

    [Fact]
    public async Task An_https_deployment_reports_its_protocol_and_a_certificate_that_does_not_validate_and_expires_soon()
    {
        using var certificate = DeploymentTestApp.SelfSignedCertificate(DateTimeOffset.UtcNow.AddDays(10));
        await using var app = await DeploymentTestApp.StartAsync(certificate, Ct);
        using var output = new TestDirectory("deployscan");
        var target = $"https://localhost:{app.BaseAddress.Port}/";

        var result = await Scanner(new() { LatencySamples = 2 }).ScanAsync(Job(target, output.Path), Ct);

        Assert.Contains((string)result.Measurements["tls"]!["protocol"]!, new[] { "Tls12", "Tls13" });
        Assert.Contains(result.Findings, f => f.Title == "The certificate does not validate" && f.Detail.Contains("RemoteCertificateChainErrors"));
        Assert.Contains(result.Findings, f => f.Title == "The certificate expires within 30 days");
        Assert.Equal("medium", result.Findings.Single(f => f.Title == "Strict-Transport-Security is missing").Severity);
        Assert.Equal(200, (int)result.Measurements["health"]!["status"]!);
        var tls = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "security", "tls.json"), Ct))!["tls"]!;
        Assert.Equal("CN=localhost", (string)tls["subject"]!);
        Assert.Contains("localhost", tls["dns_names"]!.AsArray().Select(n => (string)n!));
    }

    [Theory]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://example.com/")]
    [InlineData("https://catalyst.dev/")]
    [InlineData("http://0.0.0.0:8080/")]
    [InlineData("http://[::ffff:10.1.2.3]/")]
    [InlineData("http://user:secret@127.0.0.1/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public void Targets_outside_loopback_and_the_previews_are_refused(string target) =>
        Assert.NotNull(Scanner().Refuse(target, new Dictionary<string, string>()));

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.9.9.9/")]
    [InlineData("http://localhost:8080/app")]
    [InlineData("https://LOCALHOST./")]
    [InlineData("http://todo-1234abcd.localhost/")]
    [InlineData("http://[::1]:80/")]
    public void Loopback_and_preview_names_are_allowed(string target) =>
        Assert.Null(Scanner().Refuse(target, new Dictionary<string, string>()));

    [Fact]
    public async Task A_refused_target_is_refused_again_at_scan_time_without_a_request()
    {
        using var output = new TestDirectory("deployscan");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Scanner().ScanAsync(Job("http://10.1.2.3/", output.Path), Ct));

        Assert.Contains("outside the allowed networks", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Fact]
    public void Configured_networks_and_the_previews_domain_widen_the_allowed_set()
    {
        var previews = new PreviewOptions { Routing = { Domain = "previews.example" } };
        var targets = AllowedTargets.From(new DeploymentScanOptions { AllowedNetworks = ["10.1.2.0/24"] }, previews);

        Assert.Null(targets.RefuseUrl("http://10.1.2.3/", out _));
        Assert.NotNull(targets.RefuseUrl("http://10.1.3.1/", out _));
        Assert.True(targets.IsAllowedName("todo-1234abcd.previews.example"));
        Assert.False(targets.IsAllowedName("previews.example.evil.com"));
        // An allowed name must still resolve inside the allowed networks; .invalid never resolves.
        Assert.NotNull(new DeploymentScanner(Options.Create(new DeploymentScanOptions { AllowedHosts = ["scan-target.invalid"] }), Options.Create(previews),
            TimeProvider.System, NullLogger<DeploymentScanner>.Instance).Refuse("http://scan-target.invalid/", new Dictionary<string, string>()));
    }

    [Fact]
    public async Task A_host_that_was_not_vetted_is_never_connected_to()
    {
        await using var app = await DeploymentTestApp.StartAsync(certificate: null, Ct);
        var options = new DeploymentScanOptions();
        var targets = AllowedTargets.From(options, new PreviewOptions());
        using var http = new ScanHttpClient(targets, options, TimeProvider.System);
        http.Pin(await targets.ResolveAsync("127.0.0.1", Ct));
        var before = app.Requests;

        var unvetted = await http.GetAsync(new Uri($"http://localhost:{app.BaseAddress.Port}/health"), Ct);
        var vetted = await http.GetAsync(new Uri(app.BaseAddress, "/health"), Ct);

        Assert.Equal(0, unvetted!.Status);
        Assert.Contains("localhost was not vetted", unvetted.Error);
        Assert.Equal(200, vetted!.Status);
        Assert.Equal(1, app.Requests - before);
    }

    static DeploymentScanner Scanner(DeploymentScanOptions? options = null)
    {
        options ??= new DeploymentScanOptions();
        // On a loaded two-core test machine the first request to a fresh app (JIT, Kestrel start) can take seconds;
        // the bounds under test here are requests and the time budget, not the per-request timeout.
        options.RequestTimeout = TimeSpan.FromSeconds(30);
        return new(Options.Create(options), Options.Create(new PreviewOptions()), TimeProvider.System, NullLogger<DeploymentScanner>.Instance);
    }

    static ScanJob Job(string target, string output, params (string Key, string Value)[] options) =>
        new(Guid.NewGuid(), ScanKind.Deployment, target, options.ToDictionary(o => o.Key, o => o.Value), output, _ => { });
}
