using System.Runtime.CompilerServices;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Live;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");
        api.MapGet("/{taskId:guid}", GetTaskEvents).WithSummary("Every event of a task, oldest first (the audit trail).");
        api.MapGet("/{taskId:guid}/stream", StreamTaskEvents).WithSummary("Server-sent events: the task's events so far, then each new one as it happens.");
        return api;
    }

    static async Task<Results<ServerSentEventsResult<AgentEvent>, ProblemHttpResult>> StreamTaskEvents(
        Guid taskId, TaskRepository tasks, EventQueries events, LiveEventFeed feed, CancellationToken ct)
    {
        if (!await tasks.ExistsAsync(taskId, ct)) return TasksApi.TaskNotFound(taskId);
        return TypedResults.ServerSentEvents(Stream(taskId, events, feed, ct), eventType: "agent_event");
    }

    static async IAsyncEnumerable<AgentEvent> Stream(Guid taskId, EventQueries events, LiveEventFeed feed, [EnumeratorCancellation] CancellationToken ct)
    {
        // Subscribe before reading the history so nothing falls between the two; duplicates are dropped by id.
        using var subscription = feed.Subscribe(taskId);
        var seen = new HashSet<Guid>();
        foreach (var e in await events.ForTaskAsync(taskId, ct)) { seen.Add(e.EventId); yield return e; }
        await foreach (var e in subscription.ReadAllAsync(ct))
            if (seen.Add(e.EventId)) yield return e;
    }

    static async Task<Results<Ok<IReadOnlyList<AgentEvent>>, ProblemHttpResult>> GetTaskEvents(
        Guid taskId, TaskRepository tasks, EventQueries events, CancellationToken ct)
    {
        if (!await tasks.ExistsAsync(taskId, ct)) return TasksApi.TaskNotFound(taskId);
        return TypedResults.Ok(await events.ForTaskAsync(taskId, ct));
    }
}
