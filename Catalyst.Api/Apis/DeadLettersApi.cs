using Catalyst.Core.Messaging.DeadLetters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

public static class DeadLettersApi
{
    public static RouteGroupBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dlq").WithTags("Dead letters");
        api.MapGet("/", ListDeadLetters).WithSummary("Events an agent gave up on after its last retry.");
        api.MapPost("/{eventId:guid}/replay", Replay).WithSummary("Send a dead-lettered event to its agent again and reopen its task.");
        return api;
    }

    static async Task<Ok<IReadOnlyList<DeadLetterView>>> ListDeadLetters(DeadLetterStore store, CancellationToken ct, bool includeReplayed = false) =>
        TypedResults.Ok(await store.ListAsync(includeReplayed, ct));

    static async Task<Results<Accepted, ProblemHttpResult>> Replay(Guid eventId, DeadLetterStore store, CancellationToken ct) =>
        await store.ReplayAsync(eventId, ct) switch
        {
            ReplayOutcome.Replayed => TypedResults.Accepted((string?)null),
            ReplayOutcome.AlreadyReplayed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already replayed",
                detail: $"Event {eventId} was already replayed; it is listed again if it fails again."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dead letter not found",
                detail: $"There is no dead-lettered event with id {eventId}."),
        };
}
