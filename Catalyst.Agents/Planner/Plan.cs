using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Planner;

/// <summary>planning/plan.yaml (spec section 4.1), plus the understood request in <see cref="Domain"/>.</summary>
public sealed class Plan
{
    public PlanProject Project { get; set; } = new();
    public List<PlanFeature> Features { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];
    public List<PlanEndpoint> ApiEndpoints { get; set; } = [];
    public List<PlanRisk> RiskAssessment { get; set; } = [];
    public List<string> Notes { get; set; } = [];

    /// <summary>What the request asked for that the offline generator cannot build, and what it built instead.</summary>
    public List<string> Limitations { get; set; } = [];

    /// <summary>For a follow-up: the app it changes and the changes asked for; null for a project's first app.</summary>
    public PlanFollowUp? FollowUp { get; set; }

    /// <summary>For "analyze X and build something similar": the Explorer's findings this plan was built from; null otherwise.</summary>
    public PlanFindings? Findings { get; set; }

    /// <summary>What the request understanding made of the prompt; the Architect designs from it.</summary>
    public AppSpec Domain { get; set; } = new();

    public int EstimatedHours => Tasks.Sum(t => t.EstimatedHours);
}

public sealed class PlanProject
{
    public string Name { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string TargetUsers { get; set; } = "";
    public string Stack { get; set; } = "";
}

public sealed class PlanFeature
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Priority { get; set; } = "high";
    public string Complexity { get; set; } = "low";
    public List<string> Tasks { get; set; } = [];
    public List<string> AcceptanceCriteria { get; set; } = [];
}

public sealed class PlanTask
{
    public string Id { get; set; } = "";
    public string Feature { get; set; } = "";
    public string Description { get; set; } = "";
    public string Type { get; set; } = "backend";
    public int EstimatedHours { get; set; }
    public List<string> DependsOn { get; set; } = [];
    public List<string> FilesAffected { get; set; } = [];
}

public sealed class PlanEndpoint
{
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public string Description { get; set; } = "";
    public bool RequiresAuth { get; set; }
}

public sealed class PlanRisk
{
    public string Risk { get; set; } = "";
    public string Severity { get; set; } = "low";
    public string Mitigation { get; set; } = "";
}
