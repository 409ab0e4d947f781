using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Catalyst.Core.Persistence.Entities;

namespace Catalyst.Core.Tasks;

/// <summary>What callers learn right after submitting a task.</summary>
public sealed record TaskCreated(Guid TaskId, Guid TraceId, Guid ProjectId, string ProjectName, string Status);

/// <summary>
/// A task as the API and UI show it. <see cref="Limitations"/>: what was asked for that could not be built, and
/// what was built instead. <see cref="Result"/>: once deployed, the preview URLs, test totals and review score.
/// <see cref="GitHub"/>: where the branch was pushed and its pull request, once it was.
/// </summary>
public sealed record TaskView(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    Guid TraceId,
    string Prompt,
    string Status,
    string? CurrentPhase,
    string? BranchName,
    string? CommitSha,
    string? PreviewUrl,
    string? FailureReason,
    decimal CostTotal,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<string> Limitations,
    JsonNode? Result,
    [property: JsonPropertyName("github")] JsonNode? GitHub = null)
{
    internal static TaskView From(TaskEntity task, string projectName) => new(
        task.Id, task.ProjectId, projectName, task.TraceId, task.UserPrompt, task.Status, task.CurrentPhase,
        task.BranchName, task.CommitSha, task.PreviewUrl, task.FailureReason, task.CostTotal,
        task.CreatedAt, task.UpdatedAt, task.CompletedAt, TaskMetadata.Strings(task, TaskMetadata.Limitations),
        TaskMetadata.Get(task, TaskMetadata.Result), TaskMetadata.Get(task, TaskMetadata.GitHub));
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
