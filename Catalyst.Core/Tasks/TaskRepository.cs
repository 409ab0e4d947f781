using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Tasks;

/// <summary>Tasks in PostgreSQL: creation (with its task.initiated event), queries and state transitions.</summary>
public sealed class TaskRepository(CatalystDbContext db, ProjectRepository projects, TimeProvider time)
{
    /// <summary>
    /// Creates the task and its project (if new) and records task.initiated, all in one transaction.
    /// </summary>
    public async Task<TaskCreated> CreateAsync(string prompt, string projectName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var project = await projects.GetOrAddAsync(projectName, ct);

        var task = new TaskEntity
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = project.Id,
            TraceId = Guid.NewGuid(),
            UserPrompt = prompt,
            Status = TaskState.Queued.ToWireName(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);

        var initiated = AgentEvent.Create(task.TraceId, task.Id, Actors.Orchestrator, EventTypes.TaskInitiated,
            new JsonObject { ["prompt"] = prompt, ["project_id"] = project.Id, ["project_name"] = project.Name, ["project_slug"] = project.Slug },
            now, repo: project.Slug, branch: "main");
        EventLog.Record(db, initiated, now);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new TaskCreated(task.Id, task.TraceId, project.Id, task.Status);
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
        var from = TaskStateNames.Parse(task.Status);
        TaskStateMachine.EnsureCanTransition(from, to);

        var now = time.GetUtcNow();
        task.Status = to.ToWireName();
        task.CurrentPhase = TaskStateMachine.PhaseOf(to) ?? task.CurrentPhase;
        task.UpdatedAt = now;
        if (TaskStateMachine.IsTerminal(to)) task.CompletedAt = now;
        if (to == TaskState.Failed) task.FailureReason = reason;
        return task;
    }
}
