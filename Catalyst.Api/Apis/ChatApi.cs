using Catalyst.Api.Chat;
using Catalyst.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

public static class ChatApi
{
    public static RouteGroupBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat").WithTags("Chat");
        api.MapPost("/", Send)
            .WithSummary("Say something: a build request or a change starts a task; a question about the task is answered.")
            .Accepts<ChatRequest>("application/json")
            .RequireRateLimiting(RequestLimits.Submissions);
        return api;
    }

    static async Task<Results<Ok<ChatResponse>, ValidationProblem, ProblemHttpResult>> Send(
        ChatRequest request, ChatService chat, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, detail: TasksApi.Describe(errors));
        return await chat.SendAsync(request, ct) is { } response
            ? TypedResults.Ok(response)
            : ConversationsApi.ConversationNotFound(request.ConversationId!.Value);
    }
}
