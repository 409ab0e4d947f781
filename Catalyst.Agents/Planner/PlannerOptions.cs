namespace Catalyst.Agents.Planner;

public sealed class PlannerOptions
{
    public const string Section = "Catalyst:Agents:Planner";

    /// <summary>
    /// Every task stops at awaiting_approval after understanding, until the user approves (or corrects) the
    /// spec. A task can also ask for this on its own ("approve_plan": true).
    /// </summary>
    public bool RequireApproval { get; set; }
}
