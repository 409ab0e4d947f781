using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Agents.Reviewer;
using Catalyst.Agents.Reviewer.Analysis;
using Catalyst.Agents.Tester;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>Everything one repository scan measured, before it is turned into findings, scores and files.</summary>
public sealed record RepositoryMeasurements(
    CheckedOut Source,
    RepositorySnapshot Snapshot,
    IReadOnlyList<LanguageCount> Languages,
    ManifestReport Manifests,
    IReadOnlyList<FoundEndpoint> Endpoints,
    TestReport Tests,
    CodeQualityReport CodeQuality,
    IReadOnlyList<SecretFinding> Secrets,
    string? Licence,
    ReadmeQuality Readme,
    CommitActivity? Commits,
    IReadOnlyList<DiscoveredEntity> Entities,
    IReadOnlyList<string> Problems);

/// <summary>
/// Scans a code repository (spec 4.7 A, 8.1): checks it out (<see cref="RepositorySource"/>), then measures
/// languages, the stack and dependencies from manifests, tests, HTTP endpoints, C# complexity and duplication
/// (the Reviewer's Roslyn metrics), committed secrets (the Tester's scanner), licence, README and commit
/// activity. Vulnerabilities are not checked (no advisory source is reachable), and the findings say so.
/// </summary>
public sealed class RepositoryScanner(RepositorySource source, IOptions<ExplorerOptions> options, TimeProvider time) : IExplorerScanner
{
    public ScanKind Kind => ScanKind.Repository;

    public string? Refuse(string target, IReadOnlyDictionary<string, string> options) => source.Refuse(target);

    public async Task<ScanResult> ScanAsync(ScanJob job, CancellationToken ct)
    {
        var workspace = Path.Combine(Path.GetTempPath(), "catalyst-explorer", job.ScanId.ToString("N"));
        if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
        try
        {
            var measured = await MeasureAsync(job, workspace, ct);
            var result = RepositoryFindings.Build(measured);
            await RepositoryFiles.WriteAsync(job.OutputDirectory, measured, result, ct);
            return result;
        }
        finally
        {
            if (Directory.Exists(workspace)) ClearReadOnly(workspace);
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
        }
    }

    async Task<RepositoryMeasurements> MeasureAsync(ScanJob job, string workspace, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var checkedOut = await source.CheckOutAsync(job.Target, workspace, job.Progress, ct);
        var snapshot = RepositorySnapshot.Read(checkedOut.Root, options.Value.MaxFiles);
        var catalog = TechnologyCatalog.Default;
        var languages = LanguageStats.Count(snapshot, catalog);
        job.Progress($"✅ Repository checked out ({checkedOut.How}): {snapshot.Files.Count} files, {languages.Where(l => !catalog.DocumentationLanguages.Contains(l.Language)).Sum(l => l.Lines):N0} lines of code in {clock.Elapsed.TotalSeconds:0.0} s");
        ct.ThrowIfCancellationRequested();

        job.Progress("Analyzing the tech stack and dependencies...");
        var problems = new List<string>();
        var manifests = Manifests.Read(snapshot, problems);
        var endpoints = EndpointFinder.Find(snapshot);
        var tests = TestDetector.Detect(snapshot, manifests, catalog);
        job.Progress($"📦 Found {manifests.Dependencies.Count} dependencies in {manifests.Manifests.Count} manifests; {endpoints.Count} HTTP endpoints; {tests.Files} test files");
        ct.ThrowIfCancellationRequested();

        job.Progress("Measuring code quality and looking for committed secrets...");
        var sources = snapshot.Files.Where(f => f.Extension is ".cs" or ".js" or ".mjs" or ".cjs" or ".ts").Select(f => new SourceFile(f.Path, f.Content)).ToList();
        var quality = CodeQuality.Analyze(new SourceTree(sources), new ReviewerOptions());
        var secrets = SecretScanner.Scan(checkedOut.Root);
        var entities = ModelFinder.Find(snapshot, endpoints);
        var commits = checkedOut.IsGit ? RepositoryHealth.Commits(checkedOut.Root, time.GetUtcNow(), options.Value.CloneDepth) : null;
        return new RepositoryMeasurements(checkedOut, snapshot, languages, manifests, endpoints, tests, quality, secrets,
            RepositoryHealth.Licence(snapshot, catalog), RepositoryHealth.Readme(snapshot), commits, entities, problems);
    }

    /// <summary>Git marks pack files read-only; a clone must still be removable.</summary>
    static void ClearReadOnly(string folder)
    {
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
            if (file.IsReadOnly) file.IsReadOnly = false;
    }
}
