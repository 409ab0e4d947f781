namespace Catalyst.Web.Chat;

/// <summary>
/// One turn of a conversation, as <c>POST /api/chat</c> takes it, called in process by the chat page. The Api
/// implements it with the same service the endpoint uses, so the page and a script get the same answers.
/// </summary>
public interface IChatTurns
{
    Task<ChatTurn> SendAsync(Guid? conversationId, string message, CancellationToken ct);
}

/// <summary>
/// What a turn did: the assistant's reply and the task it started, or <see cref="Error"/>, a sentence for the user
/// (an invalid message, an unknown conversation) when nothing was said.
/// </summary>
public sealed record ChatTurn(Guid? ConversationId, string? Reply, string? Intent, Guid? TaskId, Guid? ProjectId, string? Error = null)
{
    public static ChatTurn Failed(string error) => new(null, null, null, null, null, error);
}
