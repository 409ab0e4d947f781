using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Catalyst.Core.Security;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Explorer;

/// <summary>
/// Explorer scans in PostgreSQL. A scan runs inside a task of its own, so it has a timeline, logs, artifacts and a
/// trace like any build: creating a scan creates that task, the explorer_scans row and explorer.requested in one
/// transaction. The event carries the scan's id, not its target: the agent reads the target from the row, so a
/// connection string's password never travels through the bus or the audit trail.
/// </summary>
public sealed class ExplorerScanRepository(CatalystDbContext db, ProjectRepository projects, TimeProvider time)
{
    public async Task<ScanCreated> CreateAsync(ScanSubmission submission, string suggestedProjectName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var project = await projects.ResolveAsync(new ProjectChoice(submission.ProjectId, submission.ProjectName, suggestedProjectName), ct);
        var task = new TaskEntity
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = project.Id,
            TraceId = Activity.Current is { } request ? TracePropagation.ToGuid(request.TraceId) : Guid.NewGuid(),
            UserPrompt = submission.Prompt,
            Status = TaskState.Queued.ToWireName(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);
        var scan = new ExplorerScanEntity
        {
            Id = Guid.CreateVersion7(now),
            ScanType = submission.Type,
            Target = submission.Target,
            Options = JsonSerializer.Serialize(submission.Options),
            TaskId = task.Id,
            TraceId = task.TraceId,
            BuildRequested = submission.BuildRequested,
            CreatedAt = now,
        };
        db.ExplorerScans.Add(scan);

        var payload = new JsonObject
        {
            ["scan_id"] = scan.Id, ["scan_type"] = scan.ScanType, ["target"] = SecretRedactor.Redact(scan.Target),
            ["build_requested"] = scan.BuildRequested, ["prompt"] = submission.Prompt,
            ["project_id"] = project.Id, ["project_name"] = project.Name, ["project_slug"] = project.Slug,
        };
        var requested = AgentEvent.Create(task.TraceId, task.Id, Actors.Orchestrator, EventTypes.ExplorerRequested, payload,
            now, repo: project.Slug, branch: "main");
        EventRecorder.Record(db, requested, now, Activity.Current);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ScanCreated(scan.Id, task.Id, task.TraceId, project.Id, project.Name, scan.Status, scan.BuildRequested);
    }

    public async Task<ScanView?> GetAsync(Guid id, CancellationToken ct)
    {
        var found = await (from scan in db.ExplorerScans.AsNoTracking()
                           where scan.Id == id
                           join task in db.Tasks on scan.TaskId equals task.Id into tasks
                           from task in tasks.DefaultIfEmpty()
                           select new { scan, Status = task == null ? null : task.Status, Failure = task == null ? null : task.FailureReason })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : ScanView.From(found.scan, found.Status, found.Failure);
    }

    public async Task<PagedResult<ScanSummary>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        var total = await db.ExplorerScans.CountAsync(ct);
        var rows = await (from scan in db.ExplorerScans.AsNoTracking()
                          join task in db.Tasks on scan.TaskId equals task.Id into tasks
                          from task in tasks.DefaultIfEmpty()
                          orderby scan.CreatedAt descending, scan.Id descending
                          select new { scan, Status = task == null ? null : task.Status, Failure = task == null ? null : task.FailureReason })
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedResult<ScanSummary>([.. rows.Select(r => ScanView.Summary(r.scan, r.Status, r.Failure))], page, pageSize, total);
    }

    /// <summary>The scan whose findings are in <paramref name="taskId"/>'s task (the Planner's "build something similar").</summary>
    public Task<ExplorerScanEntity?> ForTaskAsync(Guid taskId, CancellationToken ct) =>
        db.ExplorerScans.AsNoTracking().Where(s => s.TaskId == taskId).OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(ct);
}
