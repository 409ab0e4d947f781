using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Tasks;

/// <summary>Tasks in PostgreSQL: creation (with its task.initiated event), queries and state transitions.</summary>
public sealed class TaskRepository(CatalystDbContext db, ProjectRepository projects, TimeProvider time)
{
    /// <summary>A task on the project named <paramref name="projectName"/> (reused when it exists).</summary>
    public Task<TaskCreated> CreateAsync(string prompt, string projectName, CancellationToken ct) =>
        CreateAsync(prompt, new ProjectChoice(null, projectName, projectName), approvePlan: false, ct);

    /// <summary>
    /// Creates the task and its project (if new) and records task.initiated, all in one transaction.
    /// With <paramref name="approvePlan"/> the Planner stops at awaiting_approval until the user approves.
    /// </summary>
    public async Task<TaskCreated> CreateAsync(string prompt, ProjectChoice project, bool approvePlan, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var target = await projects.ResolveAsync(project, ct);

        var task = new TaskEntity
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = target.Id,
            // The request's trace becomes the task's trace: every agent step later joins it.
            TraceId = Activity.Current is { } request ? TracePropagation.ToGuid(request.TraceId) : Guid.NewGuid(),
            UserPrompt = prompt,
            Status = TaskState.Queued.ToWireName(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);

        var payload = new JsonObject { ["prompt"] = prompt, ["project_id"] = target.Id, ["project_name"] = target.Name, ["project_slug"] = target.Slug };
        if (approvePlan) payload["approve_plan"] = true;
        var initiated = AgentEvent.Create(task.TraceId, task.Id, Actors.Orchestrator, EventTypes.TaskInitiated, payload,
            now, repo: target.Slug, branch: "main");
        EventRecorder.Record(db, initiated, now, Activity.Current);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new TaskCreated(task.Id, task.TraceId, target.Id, target.Name, task.Status);
    }

    public async Task<TaskView?> GetAsync(Guid id, CancellationToken ct) =>
        await db.Tasks.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => TaskView.From(t, t.Project!.Name))
            .FirstOrDefaultAsync(ct);

    public async Task<PagedResult<TaskView>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var total = await db.Tasks.CountAsync(ct);
        var items = await db.Tasks.AsNoTracking()
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(t => TaskView.From(t, t.Project!.Name))
            .ToListAsync(ct);
        return new PagedResult<TaskView>(items, page, pageSize, total);
    }

    /// <summary>Cancels an unfinished task and records task.cancelled; agents skip its remaining events.</summary>
    public async Task<TaskView?> CancelAsync(Guid id, string reason, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Tasks.Include(t => t.Project).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return null;
        var now = time.GetUtcNow();
        TaskTransitions.Apply(task, TaskState.Cancelled, null, now);
        var cancelled = AgentEvent.Create(task.TraceId, task.Id, Actors.Orchestrator, EventTypes.TaskCancelled,
            new JsonObject { ["reason"] = reason }, now, repo: task.Project!.Slug, branch: task.BranchName ?? "main");
        EventRecorder.Record(db, cancelled, now, Activity.Current);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TaskView.From(task, task.Project.Name);
    }

    public Task<bool> ExistsAsync(Guid id, CancellationToken ct) => db.Tasks.AnyAsync(t => t.Id == id, ct);

    /// <summary>
    /// Moves a task to <paramref name="to"/> if the state machine allows it. Changes are saved by the caller's
    /// unit of work (so the events the move causes commit with it); the row version guards against two
    /// writers moving the same task.
    /// </summary>
    public async Task<TaskEntity> TransitionAsync(Guid id, TaskState to, string? reason, CancellationToken ct)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new KeyNotFoundException($"Task {id} does not exist.");
        TaskTransitions.Apply(task, to, reason, time.GetUtcNow());
        return task;
    }
}
