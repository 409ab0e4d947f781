using System.Text.Json.Nodes;
using Catalyst.Agents.Planner;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

/// <summary>
/// The understood spec of a task created with "approve_plan": read it, approve it (optionally corrected),
/// or reject it, before any code is written.
/// </summary>
public static class PlanApprovalApi
{
    public sealed record ApprovePlanRequest(JsonObject? Spec);

    public sealed record RejectPlanRequest(string? Reason);

    public static RouteGroupBuilder MapPlanApprovalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks/{id:guid}/plan").WithTags("Tasks");
        api.MapGet("/", GetPlan)
            .WithSummary("The understood spec: entities, fields with types, relations, features and the words not understood.");
        api.MapPost("/approve", ApprovePlan)
            .WithSummary("Approve the understood spec, or send a corrected one, and let the agents build it.")
            .Accepts<ApprovePlanRequest>("application/json");
        api.MapPost("/reject", RejectPlan)
            .WithSummary("Reject the understood spec; the task is cancelled.")
            .Accepts<RejectPlanRequest>("application/json");
        return api;
    }

    static async Task<Results<Ok<UnderstoodPlan>, ProblemHttpResult>> GetPlan(Guid id, PlanApprovals approvals, TaskRepository tasks, CancellationToken ct)
    {
        if (await approvals.GetAsync(id, ct) is { } plan) return TypedResults.Ok(plan);
        return await tasks.ExistsAsync(id, ct)
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No plan yet",
                detail: $"Task {id} has not been understood yet; the spec appears once the Planner has read the request.")
            : TasksApi.TaskNotFound(id);
    }

    static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> ApprovePlan(
        Guid id, ApprovePlanRequest? request, PlanApprovals approvals, OutboxSignal outbox, CancellationToken ct)
    {
        // The body is optional: no body (or no "spec") approves the spec as understood.
        var result = await approvals.ApproveAsync(id, request?.Spec, ct);
        if (result.Outcome == ApprovalOutcome.Approved) outbox.Notify();
        return Answer(result);
    }

    static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> RejectPlan(
        Guid id, RejectPlanRequest? request, PlanApprovals approvals, OutboxSignal outbox, CancellationToken ct)
    {
        var result = await approvals.RejectAsync(id, request?.Reason, ct);
        if (result.Outcome == ApprovalOutcome.Rejected) outbox.Notify();
        return Answer(result);
    }

    static Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult> Answer(ApprovalResult result) => result.Outcome switch
    {
        ApprovalOutcome.Approved or ApprovalOutcome.Rejected => TypedResults.Ok(result.Task!),
        ApprovalOutcome.InvalidSpec => TypedResults.ValidationProblem(result.Errors!, detail: result.Detail, title: "The corrected spec is not valid"),
        ApprovalOutcome.NotAwaitingApproval => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not awaiting approval", detail: result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found", detail: result.Detail),
    };
}
