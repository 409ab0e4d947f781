using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Catalyst.Agents.Explorer;

/// <summary>
/// The files every scan leaves under explorer/{scan-id}/ (spec 4.7): report.md, findings.json, tech-stack.json,
/// suggested-tasks.yaml and security/. A scanner writes its own kind's files (dependencies/, architecture/);
/// where it wrote none, architecture/inferred-architecture.md says what the scan can tell.
/// </summary>
public static class ScanOutputs
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build();

    public static async Task WriteAsync(string output, JsonObject findings, ScanResult result, CancellationToken ct)
    {
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "report.md"), result.ReportMarkdown, ct);
        await File.WriteAllTextAsync(Path.Combine(output, "findings.json"), findings.ToJsonString(Indented), ct);
        await File.WriteAllTextAsync(Path.Combine(output, "tech-stack.json"), result.TechStack.ToJsonString(Indented), ct);
        var tasks = new Dictionary<string, object>
        {
            ["scan_id"] = findings["scan_id"]!.ToString(),
            ["target"] = (string)findings["target"]!,
            ["tasks"] = result.Suggestions.Select(s => new Dictionary<string, string> { ["title"] = s.Title, ["reason"] = s.Reason, ["priority"] = s.Priority }).ToList(),
        };
        await File.WriteAllTextAsync(Path.Combine(output, "suggested-tasks.yaml"), Yaml.Serialize(tasks), ct);

        var security = Directory.CreateDirectory(Path.Combine(output, "security")).FullName;
        var securityFindings = result.Findings.Where(f => f.Category == "security").ToList();
        var score = new JsonObject
        {
            ["security_score"] = result.Scores.Security,
            ["tech_debt_score"] = result.Scores.TechDebt,
            ["how_computed"] = result.Scores.HowComputed,
            ["findings"] = new JsonArray([.. securityFindings.Select(f => (JsonNode?)new JsonObject
                { ["severity"] = f.Severity, ["title"] = f.Title, ["detail"] = f.Detail, ["location"] = f.Location })]),
        };
        await File.WriteAllTextAsync(Path.Combine(security, "security-score.json"), score.ToJsonString(Indented), ct);
        var recommendations = new StringBuilder("# Security recommendations\n\n");
        if (securityFindings.Count == 0) recommendations.Append("No security finding. ");
        foreach (var f in securityFindings) recommendations.Append($"- [{f.Severity}] {f.Title}{(f.Location is null ? "" : $" at {f.Location}")}: {f.Detail}\n");
        recommendations.Append($"\n{result.Scores.HowComputed}\n");
        await File.WriteAllTextAsync(Path.Combine(security, "recommendations.md"), recommendations.ToString(), ct);

        var architecture = Path.Combine(output, "architecture", "inferred-architecture.md");
        if (!File.Exists(architecture))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(architecture)!);
            await File.WriteAllTextAsync(architecture,
                $"# Inferred architecture: {findings["target"]}\n\nA {findings["scan_type"]} scan sees the system from outside; what it found:\n\n"
                + string.Join('\n', result.Entities.Select(e => $"- {e.Name}: {string.Join(", ", e.Fields.Select(f => f.Name))} ({e.Source})")) + "\n", ct);
        }
    }
}
