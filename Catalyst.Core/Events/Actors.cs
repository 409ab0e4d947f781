namespace Catalyst.Core.Events;

/// <summary>The actors allowed in an event envelope (spec section 5.2).</summary>
public static class Actors
{
    public const string Orchestrator = "orchestrator";
    public const string Planner = "planner";
    public const string Architect = "architect";
    public const string Coder = "coder";
    public const string Tester = "tester";
    public const string Reviewer = "reviewer";
    public const string Deployer = "deployer";
    public const string Explorer = "explorer";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        [Orchestrator, Planner, Architect, Coder, Tester, Reviewer, Deployer, Explorer], StringComparer.Ordinal);
}
