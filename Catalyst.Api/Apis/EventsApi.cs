using Catalyst.Core.Events;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");
        api.MapGet("/{taskId:guid}", GetTaskEvents).WithSummary("Every event of a task, oldest first (the audit trail).");
        return api;
    }

    static async Task<Results<Ok<IReadOnlyList<AgentEvent>>, ProblemHttpResult>> GetTaskEvents(
        Guid taskId, TaskRepository tasks, EventQueries events, CancellationToken ct)
    {
        if (!await tasks.ExistsAsync(taskId, ct)) return TasksApi.TaskNotFound(taskId);
        return TypedResults.Ok(await events.ForTaskAsync(taskId, ct));
    }
}
