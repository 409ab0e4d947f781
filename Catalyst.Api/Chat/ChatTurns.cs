using Catalyst.Web.Chat;

namespace Catalyst.Api.Chat;

/// <summary>
/// The chat page's way into <see cref="ChatService"/>: the same validation and the same service as
/// <c>POST /api/chat</c>, in a scope of its own per turn (a circuit outlives any one DbContext).
/// </summary>
public sealed class ChatTurns(IServiceScopeFactory scopes) : IChatTurns
{
    public async Task<ChatTurn> SendAsync(Guid? conversationId, string message, CancellationToken ct)
    {
        var request = new ChatRequest(conversationId, message);
        if (request.Validate() is { Count: > 0 } errors) return ChatTurn.Failed(string.Join(" ", errors.Values.SelectMany(e => e)));
        await using var scope = scopes.CreateAsyncScope();
        var response = await scope.ServiceProvider.GetRequiredService<ChatService>().SendAsync(request, ct);
        return response is null
            ? ChatTurn.Failed($"There is no conversation with id {conversationId}. Start a new chat to go on.")
            : new ChatTurn(response.ConversationId, response.Reply, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(response.Intent.ToString()), response.TaskId, response.ProjectId);
    }
}
