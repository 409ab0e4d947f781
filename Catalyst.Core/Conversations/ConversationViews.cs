using Catalyst.Core.Tasks;

namespace Catalyst.Core.Conversations;

/// <summary>Who wrote a message in a conversation.</summary>
public static class ConversationRoles
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

/// <summary>What the conversation is about now (the spec's <c>context</c>): the task it last started and that task's project.</summary>
public sealed record ConversationContext(Guid? CurrentTaskId, Guid? CurrentProjectId);

public sealed record ConversationMessageView(Guid Id, string Role, string Content, Guid? TaskId, DateTimeOffset CreatedAt);

/// <summary>A conversation in a list: enough to pick one without loading its messages.</summary>
public sealed record ConversationSummary(
    Guid Id, string Title, ConversationContext Context, int MessageCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A whole conversation: its messages, oldest first, and the task and project it is about now.</summary>
public sealed record ConversationView(
    Guid Id,
    string Title,
    ConversationContext Context,
    TaskView? CurrentTask,
    IReadOnlyList<ConversationMessageView> Messages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
