using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Agents.Explorer;
using Catalyst.Agents.Explorer.Repository;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Explorer;

/// <summary>
/// The repository scanner against repositories the tests make with known contents, cloned for real with
/// LibGit2Sharp: what it reports is checked against what was planted.
/// </summary>
public sealed class RepositoryScannerTests(ITestOutputHelper output)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static RepositoryScanner Scanner(string allowedRoot, string dataRoot, int maxMb = 500)
    {
        var explorer = Options.Create(new ExplorerOptions { AllowedRoots = [allowedRoot], MaxRepositorySizeMb = maxMb });
        var repositories = new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = dataRoot }), Options.Create(new GitOptions()));
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        return new RepositoryScanner(new RepositorySource(explorer, repositories, scopes), explorer, TimeProvider.System);
    }

    async Task<(ScanResult Result, string Output, double Seconds)> ScanAsync(RepositoryScanner scanner, string target, TestDirectory work)
    {
        var outputDirectory = Path.Combine(work.Path, "out");
        var progress = new List<string>();
        var clock = Stopwatch.StartNew();
        var result = await scanner.ScanAsync(new ScanJob(Guid.NewGuid(), ScanKind.Repository, target, new Dictionary<string, string>(), outputDirectory, progress.Add), Ct);
        output.WriteLine($"Scanned {target} in {clock.Elapsed.TotalSeconds:0.000} s");
        foreach (var line in progress) output.WriteLine(line);
        return (result, outputDirectory, clock.Elapsed.TotalSeconds);
    }

    [Fact]
    public async Task An_express_fixture_is_reported_with_its_languages_stack_endpoints_tests_entities_and_the_planted_key()
    {
        using var work = new TestDirectory("xpl");
        var repository = FixtureRepositories.Create(Path.Combine(work.Path, "express-shop"), FixtureRepositories.Express);

        var (result, outputDirectory, _) = await ScanAsync(Scanner(work.Path, work.Path), new Uri(repository).AbsoluteUri, work);
        var m = result.Measurements;

        var jsFiles = FixtureRepositories.Express.Where(f => f.Key.EndsWith(".js", StringComparison.Ordinal)).ToList();
        Assert.Equal(jsFiles.Count, (int)m["languages"]!["JavaScript"]!["files"]!);
        Assert.Equal(jsFiles.Sum(f => FixtureRepositories.Lines(f.Value)), (int)m["languages"]!["JavaScript"]!["lines"]!);
        Assert.Equal(100.0, (double)m["languages"]!["JavaScript"]!["percent"]!);
        Assert.Equal(FixtureRepositories.Express.Count, (int)m["files"]!);

        Assert.Contains("Express 4.18.2", Strings(result.TechStack["framework"]));
        Assert.Contains("Mongoose (MongoDB) 8.0.0", Strings(result.TechStack["orm"]));
        Assert.Contains("node >=20", Strings(result.TechStack["runtimes"]));
        Assert.Equal("node", (string?)result.TechStack["generator_stack"]);
        var dependencies = m["dependencies"]!.AsArray().Select(d => $"{d!["name"]}@{d["version"]}").ToList();
        Assert.Equal(["express@^4.18.2", "mongoose@^8.0.0"], dependencies);

        var endpoints = m["endpoints"]!.AsArray().Select(e => $"{e!["method"]} {e["path"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(FixtureRepositories.ExpressEndpoints, endpoints);

        Assert.True((bool)m["tests"]!["present"]!);
        Assert.Equal(1, (int)m["tests"]!["files"]!);
        Assert.Equal(2, (int)m["tests"]!["cases"]!);
        Assert.Equal(["node:test"], Strings(m["tests"]!["frameworks"]));

        var secret = Assert.Single(m["secrets"]!.AsArray())!;
        Assert.Equal("config.js", (string?)secret["file"]);
        Assert.Equal(2, (int)secret["line"]!);
        Assert.Equal("aws-access-key", (string?)secret["rule"]);
        Assert.Contains(result.Findings, f => f is { Category: "security", Severity: "critical", Location: "config.js:2" });
        Assert.DoesNotContain(FixtureRepositories.FakeAwsKey, m.ToJsonString());
        Assert.DoesNotContain(FixtureRepositories.FakeAwsKey, result.ReportMarkdown);

        Assert.Equal("not checked", (string?)m["vulnerabilities"]);
        Assert.Contains(result.Findings, f => f.Title == "Vulnerabilities not checked");
        Assert.Equal("MIT", (string?)m["licence"]);
        Assert.Equal(2, (int)m["commits"]!["commits"]!);
        Assert.Equal(1, (int)m["commits"]!["authors"]!);

        var product = Assert.Single(result.Entities, e => e.Name == "Product");
        Assert.Equal([("name", FieldType.String, true), ("price", FieldType.Money, true), ("inStock", FieldType.Boolean, false), ("tags", FieldType.StringList, false)],
            product.Fields.Select(f => (f.Name, f.Type, f.Required)));
        var order = Assert.Single(result.Entities, e => e.Name == "Order");
        Assert.Equal([("customerEmail", FieldType.Email), ("productId", FieldType.Reference), ("quantity", FieldType.Integer), ("placedAt", FieldType.Date)],
            order.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal("Product", order.Fields.Single(f => f.Name == "productId").References);
        Assert.Equal(2, result.Entities.Count);

        Assert.Equal(75m, result.Scores.Security); // one critical secret: 100 - 25
        Assert.Contains("not checked", result.Scores.HowComputed);
        foreach (var file in new[] { "dependencies/dependency-graph.json", "dependencies/dependency-graph.svg", "dependencies/cves.json", "dependencies/outdated.json",
                     "architecture/inferred-architecture.md", "architecture/component-map.svg" })
            Assert.True(File.Exists(Path.Combine(outputDirectory, file)), $"{file} was not written");
        Assert.Contains("not checked", await File.ReadAllTextAsync(Path.Combine(outputDirectory, "dependencies", "cves.json"), Ct));
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(outputDirectory, "dependencies", "dependency-graph.svg"), Ct));
    }

    [Fact]
    public async Task A_catalyst_generated_app_is_reported_as_aspnet_core_with_its_endpoints_xunit_tests_and_its_records()
    {
        using var work = new TestDirectory("xpl");
        var (repository, spec) = FixtureRepositories.Generated(Path.Combine(work.Path, "expenses"), "an expense tracker with amount, category and date");
        var entity = Assert.Single(spec.Entities);

        var (result, _, _) = await ScanAsync(Scanner(work.Path, work.Path), repository, work);
        var m = result.Measurements;

        Assert.Contains("C#", Strings(result.TechStack["languages"]));
        Assert.Contains("ASP.NET Core", Strings(result.TechStack["framework"]));
        Assert.Contains(Strings(result.TechStack["testing"]), t => t.StartsWith("xUnit ", StringComparison.Ordinal));
        Assert.Equal("dotnet", (string?)result.TechStack["generator_stack"]);
        var endpoints = m["endpoints"]!.AsArray().Select(e => $"{e!["method"]} {e["path"]}").ToList();
        Assert.Contains($"GET /api/{entity.Route}", endpoints);
        Assert.Contains($"POST /api/{entity.Route}", endpoints);
        Assert.Contains($"GET /api/{entity.Route}/{{id:guid}}", endpoints);
        Assert.Contains("GET /health", endpoints);
        Assert.True((bool)m["tests"]!["present"]!);
        Assert.True((int)m["tests"]!["cases"]! > 0);
        Assert.Empty(m["secrets"]!.AsArray());
        Assert.True((int)m["complexity"]!["csharp_methods"]! > 0);

        var found = Assert.Single(result.Entities, e => e.Name == entity.Name);
        // An enum is written as a string property; the scan cannot tell its options from the model alone.
        Assert.Equal(entity.Fields.Select(f => (f.JsonName, f.Type == FieldType.Enum ? FieldType.String : f.Type)), found.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(100m, result.Scores.Security);
    }

    [Fact]
    public async Task Targets_outside_the_allowed_roots_other_schemes_and_unknown_projects_are_refused_and_a_repository_over_the_cap_fails()
    {
        using var work = new TestDirectory("xpl");
        using var elsewhere = new TestDirectory("xpl-out");
        var allowed = Path.Combine(work.Path, "allowed");
        Directory.CreateDirectory(allowed);
        var scanner = Scanner(allowed, work.Path, maxMb: 1);

        Assert.Contains("outside the folders the Explorer may read", scanner.Refuse(elsewhere.Path, new Dictionary<string, string>()));
        Assert.Contains("outside the folders the Explorer may read", scanner.Refuse(new Uri(elsewhere.Path).AbsoluteUri, new Dictionary<string, string>()));
        Assert.Contains("outside the folders the Explorer may read", scanner.Refuse(Path.Combine(allowed, "..", Path.GetFileName(elsewhere.Path)), new Dictionary<string, string>()));
        Assert.Contains("'ftp' URLs cannot be cloned", scanner.Refuse("ftp://example.com/repo.git", new Dictionary<string, string>()));
        Assert.Contains("neither a URL", scanner.Refuse("no-such-project", new Dictionary<string, string>()));
        Assert.Null(scanner.Refuse("https://example.com/user/repo.git", new Dictionary<string, string>()));

        var big = Path.Combine(allowed, "big");
        var noise = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(noise);
        FixtureRepositories.Create(big, new Dictionary<string, string> { ["noise.txt"] = Convert.ToBase64String(noise) });
        var failed = await Assert.ThrowsAsync<ScanFailedException>(() => ScanAsync(scanner, big, work));
        Assert.Contains("larger than the 1 MB", failed.Message);
    }

    static List<string> Strings(JsonNode? array) => [.. (array as JsonArray ?? []).Select(n => (string?)n ?? "")];
}
