namespace Catalyst.Core.Events;

/// <summary>Event types (spec section 5.1 plus the orchestration events around them).</summary>
public static class EventTypes
{
    public const string RoutingKeyPrefix = "catalyst.";

    public const string TaskInitiated = "task.initiated";
    public const string PlanCreated = "plan.created";

    /// <summary>The Planner stopped at the understood spec; the task waits in awaiting_approval.</summary>
    public const string PlanAwaitingApproval = "plan.awaiting_approval";

    /// <summary>The user approved the spec (maybe corrected, in the payload); the Planner plans from it.</summary>
    public const string PlanApproved = "plan.approved";
    public const string ArchitectureProposed = "architecture.proposed";
    public const string CodePrOpened = "code.pr.opened";
    public const string TestResults = "test.results";
    public const string ReviewDecision = "review.decision";
    public const string DeployStatus = "deploy.status";
    public const string DeployComplete = "deploy.complete";

    /// <summary>An approved task's branch was pushed to GitHub and its pull request opened (or the attempt failed: status says).</summary>
    public const string GitPushed = "git.pushed";
    public const string ExplorerRequested = "explorer.requested";
    public const string ExplorerFindings = "explorer.findings";
    public const string TaskProgress = "task.progress";
    public const string TaskFailed = "task.failed";
    public const string TaskCancelled = "task.cancelled";

    public static IReadOnlyList<string> All { get; } =
    [
        TaskInitiated, PlanAwaitingApproval, PlanApproved, PlanCreated, ArchitectureProposed, CodePrOpened, TestResults, ReviewDecision,
        DeployStatus, DeployComplete, GitPushed, ExplorerRequested, ExplorerFindings, TaskProgress, TaskFailed, TaskCancelled,
    ];

    public static string RoutingKeyFor(string eventType) => RoutingKeyPrefix + eventType;
}
