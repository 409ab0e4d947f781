using System.Text.Json.Nodes;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>The security side: the Tester's secret scan and dependency list, plus committed environment files.</summary>
public static class SecurityReview
{
    public static IReadOnlyList<ReviewIssue> Judge(SourceTree tree, JsonObject? summary)
    {
        var issues = new List<ReviewIssue>();
        foreach (var secret in summary?["security"]?["secrets"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var severity = Enum.TryParse<Severity>((string?)secret["severity"], ignoreCase: true, out var parsed) ? parsed : Severity.High;
            issues.Add(new(ReviewCategory.Security, severity, (string?)secret["rule"] ?? "secret", (string?)secret["file"], secret["line"]?.GetValue<int>(),
                (string?)secret["message"] ?? "A secret is committed.",
                "Remove it from the repository and its history, rotate it, and read it from the environment instead.",
                Blocking: severity == Severity.Critical));
        }
        foreach (var env in tree.Files.Where(f => Path.GetFileName(f.Path) == ".env"))
            issues.Add(new(ReviewCategory.Security, Severity.High, "env-file", env.Path, null,
                "A .env file is committed; it usually holds real settings and secrets.", "Commit a .env.example with placeholders and ignore .env."));
        if ((string?)summary?["security"]?["vulnerability_scan"]?["status"] == "not_run")
            issues.Add(new(ReviewCategory.Security, Severity.Info, "vulnerability-scan-not-run",
                null, null, $"Dependencies were not checked for known vulnerabilities: {(string?)summary!["security"]!["vulnerability_scan"]!["reason"]}.",
                "Run `dotnet list package --vulnerable` or `npm audit` where an advisory source is reachable."));
        return issues;
    }
}
