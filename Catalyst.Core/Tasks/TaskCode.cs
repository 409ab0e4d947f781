using System.Text.Json.Nodes;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Tasks;

/// <summary>
/// Where a task's branch began: main at the commit the plan and design were on for a first app, or the previous
/// task's branch at the commit the Reviewer approved for a follow-up (<see cref="PreviousTaskId"/>).
/// </summary>
public sealed record TaskCodeBase(string Ref, string Commit, Guid? PreviousTaskId)
{
    public bool IsFollowUp => PreviousTaskId is not null;
}

/// <summary>
/// The code a task wrote: the project's repository, the task's branch, the commit the task last recorded on it
/// (a fix round moves it), and what its change is compared with.
/// </summary>
public sealed record TaskCode(Guid TaskId, BrowsedProject Project, string Branch, string? Head, TaskCodeBase Base);

/// <summary>
/// A task's code as the task page and <c>/api/tasks/{id}/diff</c> read it: the tree and files of its branch and
/// the diff of its change. The base is what the Coder recorded when it opened the branch (code.pr.opened), so a
/// follow-up's diff is only the follow-up's change, and later commits to main do not show as changes.
/// </summary>
public sealed class TaskCodeQueries(CatalystDbContext db, RepositoryBrowser browser)
{
    /// <summary>The task's code, or null while no branch with a recorded base exists (the Coder has not run).</summary>
    public async Task<TaskCode?> FindAsync(Guid taskId, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId)
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => new { t.ProjectId, t.BranchName, t.CommitSha, p.Slug })
            .FirstOrDefaultAsync(ct);
        if (task?.BranchName is not { Length: > 0 } branch) return null;
        var payloads = await db.AgentEvents.AsNoTracking()
            .Where(e => e.TaskId == taskId && e.EventType == EventTypes.CodePrOpened)
            .OrderBy(e => e.Id).Select(e => e.Payload).ToListAsync(ct);
        // The first opening: a fix round records the tested commit as its base, not where the branch began.
        var opened = payloads.Select(p => p is null ? null : JsonNode.Parse(p) as JsonObject)
            .FirstOrDefault(p => p?["base_commit"] is JsonValue value && value.TryGetValue(out string? commit) && commit.Length > 0);
        if (opened is null) return null;
        var baseCommit = (string)opened["base_commit"]!;
        var followUp = opened["follow_up"] as JsonObject;
        var codeBase = followUp is not null && Guid.TryParse((string?)followUp["base_task"], out var previous) && (string?)followUp["base_branch"] is { Length: > 0 } previousBranch
            ? new TaskCodeBase(previousBranch, baseCommit, previous)
            : new TaskCodeBase(RepositoryBrowser.DefaultRef, baseCommit, null);
        return new TaskCode(taskId, new BrowsedProject(task.ProjectId, task.Slug), branch, task.CommitSha, codeBase);
    }

    public Task<CommitDiff> DiffAsync(TaskCode code, CancellationToken ct) => browser.DiffAsync(code.Project, code.Base.Commit, code.Branch, ct);

    public Task<TreeListing> TreeAsync(TaskCode code, string? folder, CancellationToken ct) => browser.TreeAsync(code.Project, code.Branch, folder, ct);

    public Task<FileContent> FileAsync(TaskCode code, string path, CancellationToken ct) => browser.FileAsync(code.Project, code.Branch, path, ct);

    /// <summary>Every file of the branch, by path, folders walked depth first (a generated app has tens of files, each folder read once and cached).</summary>
    public async Task<IReadOnlyList<GitTreeEntry>> FilesAsync(TaskCode code, CancellationToken ct)
    {
        var files = new List<GitTreeEntry>();
        async Task WalkAsync(string folder)
        {
            foreach (var entry in (await TreeAsync(code, folder, ct)).Entries)
                if (entry.Kind == GitObjectKind.Tree) await WalkAsync(entry.Path);
                else if (entry.Kind == GitObjectKind.Blob) files.Add(entry);
        }
        await WalkAsync("");
        return files;
    }
}
