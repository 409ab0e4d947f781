using System.Text.Json.Nodes;
using Catalyst.Agents.Reviewer.Analysis;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>
/// Turns a repository's measurements into the scan's result: the tech stack, located findings, suggested
/// tasks, and the two scores with the terms that made them.
/// </summary>
public static class RepositoryFindings
{
    public const string NotChecked = "not checked";

    public static ScanResult Build(RepositoryMeasurements m)
    {
        var stack = RepositoryStack.Describe(m);
        var findings = Findings(m);
        var suggestions = Suggestions(m);
        var scores = Scores(m);
        var measurements = Measurements(m);
        return new ScanResult(findings, stack, measurements, m.Entities, suggestions, scores, RepositoryReport.Markdown(m, stack, findings, suggestions, scores));
    }

    static List<ScanFinding> Findings(RepositoryMeasurements m)
    {
        var findings = new List<ScanFinding>();
        foreach (var secret in m.Secrets)
            findings.Add(new("security", secret.Severity, $"Committed secret ({secret.Rule})", $"{secret.Message} Remove it from the history and rotate it.", $"{secret.File}:{secret.Line}"));
        findings.Add(new("dependencies", "info", "Vulnerabilities not checked",
            "No advisory database is reachable from this machine, so the dependencies were not checked for known vulnerabilities. This is not a clean bill of health."));
        foreach (var dependency in m.Manifests.Dependencies.Where(d => d.Ecosystem != "docker" && (d.Version is null or "*" or "latest" or "")))
            findings.Add(new("dependencies", "low", $"Unpinned dependency {dependency.Name}", "Its version is not pinned, so builds can change under you.", dependency.Manifest));
        foreach (var image in m.Manifests.Dependencies.Where(d => d.Ecosystem == "docker" && d.Version == "latest"))
            findings.Add(new("dependencies", "low", $"Image {image.Name} uses the latest tag", "Pin the image to a version so rebuilds are repeatable.", image.Manifest));
        foreach (var issue in m.CodeQuality.Issues)
            findings.Add(new("code-quality", issue.Severity.ToString().ToLowerInvariant(), issue.Rule, issue.Message, issue.File is null ? null : $"{issue.File}:{issue.Line}"));
        if (!m.Tests.Present) findings.Add(new("tests", "high", "No tests", "No test files were found (tests/ or test/ folders, *.test.js, *Tests.cs, test_*.py, *_test.go)."));
        if (m.Licence is null) findings.Add(new("documentation", "low", "No licence", "No LICENSE file or package licence: others cannot know how they may use the code."));
        if (m.Readme.File is null) findings.Add(new("documentation", "medium", "No README", "There is no README at the root."));
        else if (m.Readme.Missing.Count > 0)
            findings.Add(new("documentation", "low", "README lacks sections", $"The README has no {string.Join(", ", m.Readme.Missing)}.", m.Readme.File));
        foreach (var problem in m.Problems) findings.Add(new("manifests", "low", "Unreadable manifest", problem));
        return findings;
    }

    static List<SuggestedTask> Suggestions(RepositoryMeasurements m)
    {
        var suggestions = new List<SuggestedTask>();
        if (m.Secrets.Count > 0)
            suggestions.Add(new("Remove committed secrets and rotate them", $"{m.Secrets.Count} secret(s) are committed, first in {m.Secrets[0].File}:{m.Secrets[0].Line}.", "high"));
        if (!m.Tests.Present) suggestions.Add(new("Add automated tests", "The repository has no tests.", "high"));
        suggestions.Add(new("Check dependencies against an advisory database", $"{m.Manifests.Dependencies.Count} dependencies were {NotChecked} for known vulnerabilities.", "medium"));
        if (m.Endpoints.Count > 0 && !m.Manifests.Dependencies.Any(d => d.Name.Contains("swagger", StringComparison.OrdinalIgnoreCase) || d.Name.Contains("openapi", StringComparison.OrdinalIgnoreCase)))
            suggestions.Add(new("Add API documentation (OpenAPI)", $"{m.Endpoints.Count} endpoints have no OpenAPI description.", "medium"));
        if (m.CodeQuality.Issues.Any(i => i.Rule is "complexity" or "long-method"))
            suggestions.Add(new("Split complex methods", $"{m.CodeQuality.Issues.Count(i => i.Rule is "complexity" or "long-method")} method(s) are too complex or too long.", "medium"));
        if (m.CodeQuality.Duplication.Blocks.Count > 0)
            suggestions.Add(new("Remove duplicated code", $"{m.CodeQuality.Duplication.Percent}% of the code is duplicated.", "low"));
        if (m.Readme.Score < 70) suggestions.Add(new("Improve the README", m.Readme.File is null ? "There is none." : $"It lacks {string.Join(", ", m.Readme.Missing)}.", "low"));
        if (m.Licence is null) suggestions.Add(new("Add a licence", "None was found.", "low"));
        return suggestions;
    }

    /// <summary>
    /// Security: 100 less 25 per critical and 15 per high secret (vulnerabilities are not checked, so they cannot
    /// lower it, and the explanation says so). Tech debt (higher is better): 100 less the code-quality issues' weights,
    /// 25 without tests, 10 for a weak README, 5 without licence, 1 per unpinned dependency (at most 10).
    /// </summary>
    static ScanScores Scores(RepositoryMeasurements m)
    {
        var security = new List<(string Term, int Points)>();
        foreach (var group in m.Secrets.GroupBy(s => s.Severity))
            security.Add(($"{group.Count()} {group.Key} committed secret(s)", group.Count() * (group.Key == "critical" ? 25 : 15)));
        var debt = new List<(string Term, int Points)>();
        foreach (var group in m.CodeQuality.Issues.GroupBy(i => i.Severity))
            debt.Add(($"{group.Count()} {group.Key.ToString().ToLowerInvariant()} code-quality issue(s)", group.Count() * Weight(group.Key)));
        if (!m.Tests.Present) debt.Add(("no tests", 25));
        if (m.Readme.Score < 50) debt.Add(($"README scores {m.Readme.Score}/100", 10));
        if (m.Licence is null) debt.Add(("no licence", 5));
        var unpinned = m.Manifests.Dependencies.Count(d => d.Ecosystem != "docker" && d.Version is null or "*" or "latest" or "");
        if (unpinned > 0) debt.Add(($"{unpinned} unpinned dependencies", Math.Min(10, unpinned)));

        var securityScore = Math.Max(0, 100 - security.Sum(t => t.Points));
        var debtScore = Math.Max(0, 100 - debt.Sum(t => t.Points));
        var how = $"Security {securityScore}/100 = 100 {Terms(security)}; dependency vulnerabilities were {NotChecked} (no advisory source), so they are not in it. "
            + $"Tech debt {debtScore}/100 (higher is better) = 100 {Terms(debt)}; code-quality issues weigh 8 (high), 4 (medium), 2 (low) each, from the Reviewer's Roslyn metrics and duplicate blocks.";
        return new ScanScores(securityScore, debtScore, how);

        static int Weight(Severity severity) => severity switch { Severity.Critical => 12, Severity.High => 8, Severity.Medium => 4, Severity.Low => 2, _ => 0 };
        static string Terms(List<(string Term, int Points)> terms) =>
            terms.Count == 0 ? "with nothing deducted" : string.Join(" ", terms.Select(t => $"- {t.Points} ({t.Term})"));
    }

    static JsonObject Measurements(RepositoryMeasurements m)
    {
        var methods = m.CodeQuality.CSharp.Methods;
        return new JsonObject
        {
            ["source"] = new JsonObject { ["origin"] = m.Source.Origin, ["checkout"] = m.Source.How },
            ["files"] = m.Snapshot.Files.Count,
            ["skipped_files"] = m.Snapshot.SkippedFiles,
            ["lines_of_code"] = m.Languages.Where(l => l.Percent > 0).Sum(l => l.Lines),
            ["languages"] = LanguageStats.ToJson(m.Languages),
            ["dependencies"] = new JsonArray([.. m.Manifests.Dependencies.Select(d => (JsonNode?)new JsonObject
                { ["ecosystem"] = d.Ecosystem, ["name"] = d.Name, ["version"] = d.Version, ["manifest"] = d.Manifest, ["development"] = d.Development })]),
            ["manifests"] = new JsonArray([.. m.Manifests.Manifests.Select(p => (JsonNode?)p)]),
            ["endpoints"] = new JsonArray([.. m.Endpoints.Select(e => (JsonNode?)new JsonObject
                { ["method"] = e.Method, ["path"] = e.Path, ["framework"] = e.Framework, ["location"] = $"{e.File}:{e.Line}" })]),
            ["tests"] = new JsonObject
            {
                ["present"] = m.Tests.Present, ["files"] = m.Tests.Files, ["cases"] = m.Tests.Cases,
                ["frameworks"] = new JsonArray([.. m.Tests.Frameworks.Select(f => (JsonNode?)f)]),
            },
            ["complexity"] = new JsonObject
            {
                ["csharp_methods"] = methods.Count,
                ["max_cyclomatic"] = methods.Count == 0 ? 0 : methods.Max(x => x.Complexity),
                ["mean_cyclomatic"] = methods.Count == 0 ? 0 : Math.Round(methods.Average(x => x.Complexity), 2),
                ["over_limit"] = m.CodeQuality.Issues.Count(i => i.Rule == "complexity"),
                ["duplication_percent"] = m.CodeQuality.Duplication.Percent,
                ["duplicate_blocks"] = m.CodeQuality.Duplication.Blocks.Count,
            },
            ["secrets"] = new JsonArray([.. m.Secrets.Select(s => (JsonNode?)new JsonObject
                { ["file"] = s.File, ["line"] = s.Line, ["rule"] = s.Rule, ["severity"] = s.Severity })]),
            ["vulnerabilities"] = NotChecked,
            ["licence"] = m.Licence,
            ["readme"] = new JsonObject
            {
                ["file"] = m.Readme.File, ["lines"] = m.Readme.Lines, ["score"] = m.Readme.Score,
                ["sections"] = new JsonArray([.. m.Readme.Sections.Select(s => (JsonNode?)s)]),
                ["missing"] = new JsonArray([.. m.Readme.Missing.Select(s => (JsonNode?)s)]),
            },
            ["commits"] = m.Commits?.ToJson(),
            ["architecture"] = RepositoryStack.Architecture(m),
            ["dependency_graph"] = RepositoryGraphs.Dependencies(m).ToJson(),
            ["component_map"] = RepositoryGraphs.Components(m).ToJson(),
        };
    }
}
