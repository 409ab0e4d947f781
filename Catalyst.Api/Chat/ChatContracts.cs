using Catalyst.Api.Apis;

namespace Catalyst.Api.Chat;

/// <summary>A chat message; without <see cref="ConversationId"/> it starts a new conversation.</summary>
public sealed record ChatRequest(Guid? ConversationId, string? Message)
{
    // A message may become a task's prompt, so it has the prompt's limit.
    public const int MaxMessageLength = CreateTaskRequest.MaxPromptLength;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Message))
            errors["message"] = ["The message is required: describe an app to build, a change to make, or ask about your task."];
        else if (Message.Length > MaxMessageLength)
            errors["message"] = [$"The message is {Message.Length:N0} characters long; the limit is {MaxMessageLength:N0}."];
        // The chat page calls this in process, past the JSON reader's own NUL check (StorableText).
        else if (Message.Contains('\0'))
            errors["message"] = ["The message contains a NUL character (\\u0000), which cannot be stored. Remove it and send it again."];
        return errors;
    }
}

/// <summary>What the chat did with a message: the assistant's reply, and the task it started (if any).</summary>
public sealed record ChatResponse(Guid ConversationId, string Reply, ChatIntent Intent, Guid? TaskId, Guid? ProjectId);
