namespace Catalyst.Core.Events;

/// <summary>The values of review.decision's "decision": they route the task forward or back to the Coder.</summary>
public static class ReviewDecisions
{
    public const string Approved = "approved";
    public const string ChangesRequested = "changes_requested";
}
