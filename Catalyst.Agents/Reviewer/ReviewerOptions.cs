using System.ComponentModel.DataAnnotations;

namespace Catalyst.Agents.Reviewer;

/// <summary>The bar a change must clear, and the limits the code-quality analysis flags.</summary>
public sealed class ReviewerOptions
{
    public const string Section = "Catalyst:Agents:Reviewer";

    /// <summary>Approval needs at least this overall score and no blocking issue.</summary>
    [Range(0, 100)] public int MinApprovalScore { get; set; } = 75;

    /// <summary>Cyclomatic complexity above this is a medium issue; above twice this, high.</summary>
    [Range(1, 1000)] public int MaxComplexity { get; set; } = 10;

    /// <summary>A method longer than this is a medium issue; longer than twice this, high.</summary>
    [Range(1, 10_000)] public int MaxMethodLines { get; set; } = 60;

    /// <summary>A file longer than this is a low issue; longer than twice this, medium.</summary>
    [Range(1, 100_000)] public int MaxFileLines { get; set; } = 500;

    /// <summary>Duplicated code above this share of the code is a medium issue; above three times it, high.</summary>
    [Range(0, 100)] public double MaxDuplicationPercent { get; set; } = 3;

    /// <summary>Line coverage that earns the full test score.</summary>
    [Range(0.0, 1.0)] public double TargetCoverage { get; set; } = 0.8;
}
