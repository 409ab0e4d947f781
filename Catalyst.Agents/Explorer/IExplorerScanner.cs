using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Explorer;

/// <summary>What the Explorer can analyse (spec 4.7).</summary>
public enum ScanKind { Repository, Deployment, Database }

/// <summary>
/// One kind of scan. The Explorer agent picks the scanner by <see cref="Kind"/>, and the API asks it to vet a
/// target before a scan is queued, so a refused target is a 400 at once rather than a failed scan later.
/// </summary>
public interface IExplorerScanner
{
    ScanKind Kind { get; }

    /// <summary>Why <paramref name="target"/> may not be scanned (outside the allowed roots or hosts, malformed), or null.</summary>
    string? Refuse(string target, IReadOnlyDictionary<string, string> options);

    /// <summary>Runs the scan, bounded in time and requests, writing its kind-specific files under <see cref="ScanJob.OutputDirectory"/>.</summary>
    Task<ScanResult> ScanAsync(ScanJob job, CancellationToken ct);
}

/// <summary>One scan to run. <see cref="OutputDirectory"/> is artifacts' explorer/{scan-id}/; <see cref="Progress"/> feeds the task log.</summary>
public sealed record ScanJob(
    Guid ScanId, ScanKind Kind, string Target, IReadOnlyDictionary<string, string> Options, string OutputDirectory, Action<string> Progress);

/// <summary>
/// What a scan found. The agent writes the common outputs from it (report.md, findings.json, tech-stack.json,
/// suggested-tasks.yaml, the explorer_scans row); <see cref="Entities"/> feed the Planner for "build something similar".
/// </summary>
public sealed record ScanResult(
    IReadOnlyList<ScanFinding> Findings,
    JsonObject TechStack,
    JsonObject Measurements,
    IReadOnlyList<DiscoveredEntity> Entities,
    IReadOnlyList<SuggestedTask> Suggestions,
    ScanScores Scores,
    string ReportMarkdown);

/// <summary>One finding. Severity is critical, high, medium, low or info; location is a file:line, URL or table where it applies.</summary>
public sealed record ScanFinding(string Category, string Severity, string Title, string Detail, string? Location = null);

/// <summary>Scores out of 100 (higher is better) and, in words, how they were computed.</summary>
public sealed record ScanScores(decimal Security, decimal TechDebt, string HowComputed)
{
    /// <summary>Both scores as 100 minus their deductions (never below 0), each deduction named, then the scanner's rules.</summary>
    public static ScanScores FromDeductions(
        IReadOnlyCollection<(string Reason, int Points)> security, IReadOnlyCollection<(string Reason, int Points)> debt, string rules)
    {
        static decimal Total(IReadOnlyCollection<(string, int Points)> deductions) => Math.Max(0, 100 - deductions.Sum(d => d.Points));
        static string Explain(string name, IReadOnlyCollection<(string Reason, int Points)> deductions) => deductions.Count == 0
            ? $"{name} 100: nothing deducted."
            : $"{name} 100 minus {string.Join(", ", deductions.Select(d => $"{d.Reason} ({d.Points})"))}.";
        return new(Total(security), Total(debt), $"{Explain("Security", security)} {Explain("Tech debt", debt)} {rules}");
    }
}

/// <summary>A record kind the scan found (a table, a model, an endpoint's resource), where it came from.</summary>
public sealed record DiscoveredEntity(string Name, IReadOnlyList<DiscoveredField> Fields, string Source);

/// <summary>A field of a discovered entity; <see cref="References"/> names the entity a foreign key points to.</summary>
public sealed record DiscoveredField(string Name, FieldType Type, bool Required = false, string? References = null);

/// <summary>An improvement worth a task (suggested-tasks.yaml), with why and how urgent (high, medium, low).</summary>
public sealed record SuggestedTask(string Title, string Reason, string Priority);
