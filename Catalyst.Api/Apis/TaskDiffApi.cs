using Catalyst.Core.Git;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

/// <summary>
/// A task's change: its branch compared with where it began, main for a first app and the previous task's
/// branch for a follow-up (TaskCodeQueries), so the diff is only what this task wrote.
/// </summary>
public static class TaskDiffApi
{
    public sealed record TaskDiffView(
        Guid TaskId, Guid ProjectId, string Base, string Head, string BaseCommit, string HeadCommit, Guid? PreviousTaskId,
        int Additions, int Deletions, GitApi.FileChangeView[] Files, string Patch, bool Truncated);

    public static RouteGroupBuilder MapTaskDiffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks/{id:guid}").WithTags("Tasks");
        api.MapGet("/diff", GetTaskDiff).WithSummary("The task's change: its branch against main where it began, or against the previous task's branch for a follow-up.");
        return api;
    }

    static async Task<Results<Ok<TaskDiffView>, ProblemHttpResult>> GetTaskDiff(
        Guid id, TaskRepository tasks, TaskCodeQueries code, CancellationToken ct)
    {
        if (await tasks.GetAsync(id, ct) is null) return TasksApi.TaskNotFound(id);
        if (await code.FindAsync(id, ct) is not { } found)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No code yet",
                detail: $"Task {id} has no branch yet: the Coder has not opened one (or the task ended before it could).");
        try
        {
            var diff = await code.DiffAsync(found, ct);
            var files = diff.Diff.Files.Select(f => new GitApi.FileChangeView(f.Path, f.Additions, f.Deletions, f.Additions is null)).ToArray();
            return TypedResults.Ok(new TaskDiffView(id, found.Project.Id, found.Base.Ref, found.Branch, diff.BaseCommit, diff.HeadCommit, found.Base.PreviousTaskId,
                files.Sum(f => f.Additions ?? 0), files.Sum(f => f.Deletions ?? 0), files, diff.Diff.Patch, diff.Diff.Truncated));
        }
        catch (RepositoryReadException read)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Branch not found", detail: read.Message);
        }
    }
}
