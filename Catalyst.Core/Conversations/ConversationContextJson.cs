using System.Text.Json.Nodes;

namespace Catalyst.Core.Conversations;

/// <summary>
/// conversations.context (jsonb) as the spec's document shape: <c>current_task_id</c>, <c>current_project_id</c>,
/// and whatever else later features keep there, which a write must not drop.
/// </summary>
static class ConversationContextJson
{
    const string CurrentTaskId = "current_task_id";
    const string CurrentProjectId = "current_project_id";

    public static ConversationContext Read(string? json)
    {
        if (json is not { Length: > 0 } || JsonNode.Parse(json) is not JsonObject values) return new(null, null);
        return new(IdOf(values[CurrentTaskId]), IdOf(values[CurrentProjectId]));
    }

    public static string Write(string? existing, Guid taskId, Guid projectId)
    {
        var values = existing is { Length: > 0 } && JsonNode.Parse(existing) is JsonObject kept ? kept : [];
        values[CurrentTaskId] = taskId;
        values[CurrentProjectId] = projectId;
        return values.ToJsonString();
    }

    static Guid? IdOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : null;
}
