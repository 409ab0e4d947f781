using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Catalyst.Core.Tasks;
using Catalyst.Core.Tasks.Feed;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Catalyst.Api.Apis;

/// <summary>
/// Following a task as it runs: its progress, and its feed (agent_log, progress, preview_ready, task_complete,
/// agent_event) as server-sent events or over a WebSocket. Both resume after the position a client last got.
/// </summary>
public static class TaskFeedApi
{
    public const string LastEventIdQuery = "last_event_id";

    public static IEndpointRouteBuilder MapTaskFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks/{id:guid}/progress", GetProgress).WithTags("Tasks")
            .WithSummary("The phase, the share of stages done, the files created so far and the time spent in each phase.");
        app.MapGet("/api/events/{taskId:guid}/stream", StreamTask).WithTags("Events")
            .WithSummary("Server-sent events: the task's feed so far, then each new message until the task ends. "
                + "Each message has an id; send it back as Last-Event-ID (or ?last_event_id=) to resume right after it.");
        app.MapGet("/ws/{taskId:guid}", SocketTask).WithTags("Events")
            .WithSummary("The same feed over a WebSocket, one JSON text message each, with an \"id\" to resume from with ?last_event_id=.");
        return app;
    }

    static async Task<Results<Ok<TaskProgressView>, ProblemHttpResult>> GetProgress(Guid id, TaskFeed feed, CancellationToken ct) =>
        await feed.ProgressAsync(id, ct) is { } progress ? TypedResults.Ok(progress) : TasksApi.TaskNotFound(id);

    static async Task<Results<ServerSentEventsResult<JsonElement>, ProblemHttpResult>> StreamTask(
        Guid taskId, TaskRepository tasks, TaskFeed feed, CancellationToken ct,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId = null, [FromQuery(Name = LastEventIdQuery)] string? lastEventIdQuery = null)
    {
        if (!TryResume(lastEventId ?? lastEventIdQuery, out var after, out var invalid)) return invalid;
        if (!await tasks.ExistsAsync(taskId, ct)) return TasksApi.TaskNotFound(taskId);
        return TypedResults.ServerSentEvents(Items(feed.FollowAsync(taskId, after, ct), ct));
    }

    static async IAsyncEnumerable<SseItem<JsonElement>> Items(IAsyncEnumerable<TaskFeedMessage> messages, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var message in messages.WithCancellation(ct))
            yield return new SseItem<JsonElement>(JsonSerializer.SerializeToElement(message.Data), message.Type) { EventId = message.Position.ToString() };
    }

    static async Task<Results<EmptyHttpResult, ProblemHttpResult>> SocketTask(
        Guid taskId, HttpContext context, TaskRepository tasks, TaskFeed feed, CancellationToken ct,
        [FromQuery(Name = LastEventIdQuery)] string? lastEventId = null)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            return TypedResults.Problem(statusCode: StatusCodes.Status426UpgradeRequired, title: "WebSocket required",
                detail: $"Open /ws/{taskId} with a WebSocket client, or read the same feed as server-sent events from /api/events/{taskId}/stream.");
        if (!TryResume(lastEventId, out var after, out var invalid)) return invalid;
        if (!await tasks.ExistsAsync(taskId, ct)) return TasksApi.TaskNotFound(taskId);

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        // The client's close ends the feed too: the receive loop notices it while the feed waits for news.
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receiving = DrainUntilClosedAsync(socket, closed);
        try
        {
            await foreach (var message in feed.FollowAsync(taskId, after, closed.Token))
            {
                var data = message.Data.DeepClone().AsObject();
                data["id"] = message.Position.ToString();
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(data), WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "the task has ended", ct);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        await closed.CancelAsync();
        await receiving;
        return TypedResults.Empty;
    }

    static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
                if ((await socket.ReceiveAsync(buffer, closed.Token)).MessageType == WebSocketMessageType.Close) break;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        await closed.CancelAsync();
    }

    static bool TryResume(string? lastEventId, out TaskFeedPosition after, out ProblemHttpResult invalid)
    {
        invalid = null!;
        if (TaskFeedPosition.TryParse(lastEventId, out after)) return true;
        invalid = TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Last-Event-ID",
            detail: "Last-Event-ID must be the id of a message this feed sent, like \"42.1\"; leave it out to read the feed from the start.");
        return false;
    }
}
