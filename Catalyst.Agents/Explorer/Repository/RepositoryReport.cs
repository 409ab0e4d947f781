using System.Text;
using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>report.md and architecture/inferred-architecture.md of a repository scan, in words a reader can act on.</summary>
public static class RepositoryReport
{
    public static string Markdown(RepositoryMeasurements m, JsonObject stack, IReadOnlyList<ScanFinding> findings, IReadOnlyList<SuggestedTask> suggestions, ScanScores scores)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Repository scan: {m.Source.Origin}").AppendLine();
        text.AppendLine("## Summary").AppendLine();
        text.AppendLine($"- Checked out: {m.Source.How}");
        text.AppendLine($"- Files: {m.Snapshot.Files.Count:N0} read ({m.Snapshot.SkippedFiles} binary or too large, skipped)");
        text.AppendLine($"- Lines of code: {m.Languages.Where(l => l.Percent > 0).Sum(l => l.Lines):N0}");
        text.AppendLine($"- Stack: {string.Join(", ", (stack["summary"] as JsonArray ?? []).Select(s => (string?)s))}");
        text.AppendLine($"- Dependencies: {m.Manifests.Dependencies.Count} in {m.Manifests.Manifests.Count} manifest(s); vulnerabilities: {RepositoryFindings.NotChecked}");
        text.AppendLine($"- HTTP endpoints: {m.Endpoints.Count}");
        text.AppendLine($"- Tests: {(m.Tests.Present ? $"{m.Tests.Files} file(s), {m.Tests.Cases} case(s), {string.Join(", ", m.Tests.Frameworks)}" : "none")}");
        text.AppendLine($"- Committed secrets: {m.Secrets.Count}");
        text.AppendLine($"- Licence: {m.Licence ?? "none"}; README: {m.Readme.Score}/100");
        if (m.Commits is { } c) text.AppendLine($"- Commits: {c.Commits}{(c.Truncated ? "+ (history cut at the clone depth)" : "")} by {c.Authors} author(s), last {c.Last:yyyy-MM-dd}, {c.LastNinetyDays} in the last 90 days");
        text.AppendLine($"- Security score: {scores.Security}/100; tech-debt score: {scores.TechDebt}/100").AppendLine();
        text.AppendLine($"How the scores were computed: {scores.HowComputed}").AppendLine();

        text.AppendLine("## Languages").AppendLine().AppendLine("| Language | Files | Lines | Share of code |").AppendLine("|---|---:|---:|---:|");
        foreach (var l in m.Languages) text.AppendLine($"| {l.Language} | {l.Files} | {l.Lines} | {(l.Percent > 0 ? $"{l.Percent}%" : "-")} |");
        text.AppendLine();
        if (m.Endpoints.Count > 0)
        {
            text.AppendLine("## Endpoints").AppendLine().AppendLine("| Method | Path | Where |").AppendLine("|---|---|---|");
            foreach (var e in m.Endpoints) text.AppendLine($"| {e.Method} | `{e.Path}` | {e.File}:{e.Line} |");
            text.AppendLine();
        }
        if (m.Entities.Count > 0)
        {
            text.AppendLine("## Records the code keeps").AppendLine();
            foreach (var e in m.Entities) text.AppendLine($"- **{e.Name}** ({string.Join(", ", e.Fields.Select(f => $"{f.Name}: {f.Type.ToString().ToLowerInvariant()}"))}) from {e.Source}");
            text.AppendLine();
        }
        text.AppendLine("## Findings").AppendLine();
        foreach (var f in findings.OrderBy(f => Rank(f.Severity))) text.AppendLine($"- [{f.Severity}] {f.Title}: {f.Detail}{(f.Location is null ? "" : $" ({f.Location})")}");
        text.AppendLine().AppendLine("## Suggested tasks").AppendLine();
        foreach (var s in suggestions) text.AppendLine($"- ({s.Priority}) {s.Title}: {s.Reason}");
        return text.ToString();
    }

    public static string Architecture(RepositoryMeasurements m, JsonObject architecture)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Inferred architecture: {m.Source.Origin}").AppendLine();
        text.AppendLine("Inferred from the manifests, the file layout and the endpoints declared in code; nothing was run.").AppendLine();
        text.AppendLine($"- Pattern: {architecture["pattern"]}");
        text.AppendLine($"- Layers: {string.Join(", ", (architecture["layers"] as JsonArray ?? []).Select(l => (string?)l))}");
        text.AppendLine($"- Authentication: {architecture["authentication"]}");
        text.AppendLine($"- API endpoints detected: {architecture["api_endpoints_detected"]}").AppendLine();
        text.AppendLine("## Components").AppendLine().AppendLine("See component-map.svg.").AppendLine();
        foreach (var component in RepositoryGraphs.ComponentNames(m)) text.AppendLine($"- {component}");
        return text.ToString();
    }

    public static int Rank(string severity) => severity switch { "critical" => 0, "high" => 1, "medium" => 2, "low" => 3, _ => 4 };
}
