using Catalyst.Agents.Planner;
using Catalyst.Api.Apis;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Projects;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Catalyst.Api.Tasks;

/// <summary>
/// The one way a task is started from the API: <c>POST /api/tasks</c> and the chat both come through here, so a
/// task started from a conversation is named, approved and announced exactly like one posted directly.
/// </summary>
public sealed class TaskSubmission(TaskRepository tasks, IProjectNamer namer, IOptions<PlannerOptions> planner, OutboxSignal outbox)
{
    /// <summary>Creates the task; the caller has validated <paramref name="request"/>.</summary>
    public async Task<TaskCreated> SubmitAsync(CreateTaskRequest request, CancellationToken ct)
    {
        var prompt = request.Prompt!.Trim();
        var named = request.ProjectName?.Trim() is { Length: > 0 } name ? name : null;
        // The namer reads the request; only a task that names no project needs its suggestion.
        var project = new ProjectChoice(request.ProjectId, named, request.ProjectId is null && named is null ? namer.NameFor(prompt) : "");
        var created = await tasks.CreateAsync(prompt, project, request.ApprovePlan ?? planner.Value.RequireApproval, ct);
        // task.initiated sits in the outbox: wake the dispatcher instead of waiting for its next poll.
        outbox.Notify();
        return created;
    }
}
