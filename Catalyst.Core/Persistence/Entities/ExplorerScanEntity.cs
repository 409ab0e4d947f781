namespace Catalyst.Core.Persistence.Entities;

public sealed class ExplorerScanEntity
{
    public Guid Id { get; set; }
    public required string ScanType { get; set; }
    public required string Target { get; set; }
    public string? Findings { get; set; }
    public string? TechStack { get; set; }
    public decimal? SecurityScore { get; set; }
    public decimal? TechDebtScore { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
