using Catalyst.Api.Security;
using Catalyst.Api.Tasks;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Catalyst.Api.Apis;

public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks").WithTags("Tasks");
        api.MapPost("/", CreateTask)
            .WithSummary("Submit a prompt; the agents turn it into an application.")
            .Accepts<CreateTaskRequest>("application/json")
            .RequireRateLimiting(RequestLimits.Submissions);
        api.MapGet("/", ListTasks).WithSummary("Tasks, newest first.");
        api.MapGet("/{id:guid}", GetTask).WithSummary("One task and where it stands.");
        api.MapPost("/{id:guid}/cancel", CancelTask).WithSummary("Stop further work on a task.");
        api.MapGet("/{id:guid}/logs", GetTaskLogs).WithSummary("The task's progress lines, oldest first.");
        return api;
    }

    static async Task<Results<Accepted<TaskCreated>, ValidationProblem>> CreateTask(
        CreateTaskRequest request, TaskSubmission submission, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, detail: Describe(errors));
        var created = await submission.SubmitAsync(request, ct);
        return TypedResults.Accepted($"/api/tasks/{created.TaskId}", created);
    }

    static async Task<Results<Ok<PagedResult<TaskView>>, ValidationProblem>> ListTasks(
        TaskRepository tasks, CancellationToken ct,
        [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20)
    {
        var query = new TaskListQuery(page, pageSize);
        if (query.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, detail: Describe(errors));
        return TypedResults.Ok(await tasks.ListAsync(query.Page, query.PageSize, ct));
    }

    static async Task<Results<Ok<TaskView>, ProblemHttpResult>> GetTask(Guid id, TaskRepository tasks, CancellationToken ct) =>
        await tasks.GetAsync(id, ct) is { } task
            ? TypedResults.Ok(task)
            : TaskNotFound(id);

    static async Task<Results<Ok<TaskView>, ProblemHttpResult>> CancelTask(
        Guid id, TaskRepository tasks, OutboxSignal outbox, CancellationToken ct)
    {
        var cancelled = await tasks.CancelAsync(id, "cancelled by the user", ct);
        if (cancelled is null) return TaskNotFound(id);
        outbox.Notify();
        return TypedResults.Ok(cancelled);
    }

    static async Task<Results<Ok<IReadOnlyList<TaskLogLine>>, ProblemHttpResult>> GetTaskLogs(
        Guid id, TaskRepository tasks, TaskLogQueries logs, CancellationToken ct) =>
        await tasks.ExistsAsync(id, ct) ? TypedResults.Ok(await logs.ForTaskAsync(id, ct)) : TaskNotFound(id);

    internal static ProblemHttpResult TaskNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found",
            detail: $"There is no task with id {id}.");

    internal static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value));
}
