using System.Text.Json.Nodes;

namespace Catalyst.Core.Tasks.Feed;

/// <summary>
/// One message of a task's live feed, in the shape of the spec's WebSocket protocol (section 11.2):
/// <see cref="Type"/> is agent_log, progress, preview_ready or task_complete, or agent_event for the raw
/// envelope a timeline needs. <see cref="Data"/> carries "type" and "task_id" too, so it stands alone.
/// </summary>
public sealed record TaskFeedMessage(TaskFeedPosition Position, string Type, JsonObject Data)
{
    public const string AgentLog = "agent_log";
    public const string Progress = "progress";
    public const string PreviewReady = "preview_ready";
    public const string TaskComplete = "task_complete";
    public const string AgentEvent = "agent_event";
}
