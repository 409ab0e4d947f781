namespace Catalyst.Core.Persistence.Entities;

/// <summary>One Explorer scan (explorer_scans): what was asked, where it stands, and what it found.</summary>
public sealed class ExplorerScanEntity
{
    public Guid Id { get; set; }

    /// <summary>repository, deployment or database.</summary>
    public required string ScanType { get; set; }
    public required string Target { get; set; }

    /// <summary>queued, running, completed or failed (<see cref="Explorer.ScanStatus"/>).</summary>
    public string Status { get; set; } = Explorer.ScanStatus.Queued;
    public string? Error { get; set; }

    /// <summary>The caller's options, a JSON object of strings.</summary>
    public string Options { get; set; } = "{}";

    /// <summary>The task the scan runs in (its timeline, logs and artifacts).</summary>
    public Guid? TaskId { get; set; }
    public Guid? TraceId { get; set; }

    /// <summary>"Analyze X and build something similar": the findings go on to the Planner in the same task.</summary>
    public bool BuildRequested { get; set; }

    /// <summary>findings.json, whole.</summary>
    public string? Findings { get; set; }
    public string? TechStack { get; set; }
    public string? Measurements { get; set; }
    public decimal? SecurityScore { get; set; }
    public decimal? TechDebtScore { get; set; }
    public string? ScoreExplanation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
