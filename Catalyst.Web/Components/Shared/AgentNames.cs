namespace Catalyst.Web.Components.Shared;

/// <summary>How the UI names an agent: an icon and a title, as in the spec's chat transcripts.</summary>
public static class AgentNames
{
    static readonly Dictionary<string, (string Icon, string Title)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["planner"] = ("🧭", "Planner"),
        ["architect"] = ("🏗️", "Architect"),
        ["coder"] = ("💻", "Coder"),
        ["tester"] = ("🧪", "Tester"),
        ["reviewer"] = ("🔍", "Reviewer"),
        ["deployer"] = ("🚀", "Deployer"),
        ["explorer"] = ("🔭", "Explorer"),
    };

    public static string Icon(string agent) => Known.TryGetValue(agent, out var known) ? known.Icon : "⚙️";

    public static string Title(string agent) => Known.TryGetValue(agent, out var known)
        ? known.Title
        : agent.Length == 0 ? "Catalyst" : char.ToUpperInvariant(agent[0]) + agent[1..];

    /// <summary>A phase's wire name ("awaiting_approval") as words ("awaiting approval").</summary>
    public static string Phase(string phase) => phase.Replace('_', ' ');

    public static string Elapsed(TimeSpan elapsed) => elapsed < TimeSpan.Zero
        ? "0:00"
        : elapsed.TotalHours >= 1 ? $"{(int)elapsed.TotalHours}:{elapsed:mm\\:ss}" : $"{(int)elapsed.TotalMinutes}:{elapsed:ss}";
}
