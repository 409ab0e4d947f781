using Catalyst.Core.Conversations;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Catalyst.Api.Apis;

public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations").WithTags("Chat");
        api.MapGet("/", ListConversations).WithSummary("Conversations, newest first.");
        api.MapGet("/{id:guid}", GetConversation).WithSummary("One conversation: its messages and the task and project it is about now.");
        return api;
    }

    static async Task<Results<Ok<PagedResult<ConversationSummary>>, ValidationProblem>> ListConversations(
        ConversationRepository conversations, CancellationToken ct,
        [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20)
    {
        var query = new TaskListQuery(page, pageSize);
        if (query.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, detail: TasksApi.Describe(errors));
        return TypedResults.Ok(await conversations.ListAsync(query.Page, query.PageSize, ct));
    }

    static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> GetConversation(
        Guid id, ConversationRepository conversations, CancellationToken ct) =>
        await conversations.GetAsync(id, ct) is { } conversation ? TypedResults.Ok(conversation) : ConversationNotFound(id);

    internal static ProblemHttpResult ConversationNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found",
            detail: $"There is no conversation with id {id}. Leave conversation_id out to start a new conversation.");
}
