using System.Text.Json.Nodes;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Security;

namespace Catalyst.Core.Explorer;

/// <summary>What a caller asks to scan. <see cref="BuildRequested"/>: plan and build a similar app from the findings.</summary>
public sealed record ScanSubmission(
    string Type, string Target, IReadOnlyDictionary<string, string> Options, string Prompt, bool BuildRequested, Guid? ProjectId = null, string? ProjectName = null);

/// <summary>What callers learn right after asking for a scan: the scan, and the task it runs in.</summary>
public sealed record ScanCreated(Guid ScanId, Guid TaskId, Guid TraceId, Guid ProjectId, string ProjectName, string Status, bool BuildRequested);

/// <summary>A scan in a list: no findings, just where it stands and its scores.</summary>
public sealed record ScanSummary(
    Guid Id, string Type, string Target, string Status, Guid? TaskId, bool BuildRequested,
    decimal? SecurityScore, decimal? TechDebtScore, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, double? DurationSeconds);

/// <summary>
/// One scan as the API shows it. Findings, tech stack and measurements are there once the scan completed;
/// <see cref="Error"/> says why a failed one failed. Targets are shown without credentials.
/// </summary>
public sealed record ScanView(
    Guid Id, string Type, string Target, string Status, string? Error, JsonObject Options, Guid? TaskId, Guid? TraceId, bool BuildRequested,
    decimal? SecurityScore, decimal? TechDebtScore, string? ScoreExplanation, JsonNode? TechStack, JsonNode? Measurements, JsonNode? Findings,
    string? ArtifactsPath, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, double? DurationSeconds)
{
    internal static ScanView From(ExplorerScanEntity scan, string? taskStatus, string? taskFailure)
    {
        var (status, error) = Standing(scan, taskStatus, taskFailure);
        return new(scan.Id, scan.ScanType, SecretRedactor.Redact(scan.Target), status, error, Parse(scan.Options) as JsonObject ?? [],
            scan.TaskId, scan.TraceId, scan.BuildRequested, scan.SecurityScore, scan.TechDebtScore, scan.ScoreExplanation,
            Parse(scan.TechStack), Parse(scan.Measurements), Parse(scan.Findings),
            scan.TaskId is { } task ? $"/api/tasks/{task}/artifacts/explorer/{scan.Id}/" : null,
            scan.CreatedAt, scan.StartedAt, scan.CompletedAt, Duration(scan));
    }

    internal static ScanSummary Summary(ExplorerScanEntity scan, string? taskStatus, string? taskFailure) =>
        new(scan.Id, scan.ScanType, SecretRedactor.Redact(scan.Target), Standing(scan, taskStatus, taskFailure).Status, scan.TaskId, scan.BuildRequested,
            scan.SecurityScore, scan.TechDebtScore, scan.CreatedAt, scan.CompletedAt, Duration(scan));

    /// <summary>
    /// A scan whose task ended before the scan did (cancelled, or dead-lettered after a crash the agent could not
    /// report) failed with the task's reason, even though its own row never got that far.
    /// </summary>
    static (string Status, string? Error) Standing(ExplorerScanEntity scan, string? taskStatus, string? taskFailure) =>
        scan.Status is ScanStatus.Queued or ScanStatus.Running && taskStatus is "failed" or "cancelled"
            ? (ScanStatus.Failed, scan.Error ?? taskFailure ?? $"its task was {taskStatus}")
            : (scan.Status, scan.Error);

    static double? Duration(ExplorerScanEntity scan) =>
        scan is { StartedAt: { } started, CompletedAt: { } done } ? Math.Round((done - started).TotalSeconds, 3) : null;

    static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
