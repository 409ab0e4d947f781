using Catalyst.Core.Tasks;
using Catalyst.Core.Tasks.Feed;
using Catalyst.Web.Live;
using Catalyst.Web.TaskPage;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Catalyst.Web.Components.Pages;

/// <summary>
/// One task, in tabs: the overview (timeline with time per phase and fix rounds, result, preview with its actions,
/// log), the files of its branch, its change as a diff, its test results, its review, and its plan and architecture
/// diagram. While the task runs the page follows its live feed and re-reads the task on each event, so it never
/// needs a reload.
/// </summary>
public sealed partial class TaskDetail
{
    /// <summary>Any text: an address that is not a task id gets the same helpful page as an unknown id.</summary>
    [Parameter] public string Id { get; set; } = "";

    Guid taskId;

    [Inject] ScopedWork Work { get; set; } = default!;
    [Inject] TaskRunFollower Follower { get; set; } = default!;
    [Inject] TaskReports Reports { get; set; } = default!;

    TaskView? task;
    TaskProgressView? progress;
    IReadOnlyList<TaskLogLine> logs = [];
    TaskRun? run;
    TaskCode? code;
    TestReport? tests;
    ReviewReport? review;
    int tab;
    bool loaded;
    readonly CancellationTokenSource alive = new();

    /// <summary>From the live feed when it has ended, else what the Deployer recorded on the task.</summary>
    RunResult? Result => run?.Result ?? RecordedResult();

    protected override async Task OnParametersSetAsync()
    {
        (task, run) = (null, null);
        if (Guid.TryParse(Id, out taskId)) await LoadAsync();
        loaded = true;
        if (task is null) return;
        // What is recorded so far, folded the way the chat folds it (the result card comes from task_complete) ...
        run = new TaskRun(taskId);
        for (IReadOnlyList<TaskFeedMessage> batch; (batch = await Work.RunAsync<TaskFeed, IReadOnlyList<TaskFeedMessage>>(
                 feed => feed.ReadAfterAsync(taskId, run.Position, alive.Token))).Count > 0;)
            foreach (var message in batch) run.Apply(message);
        if (!RendererInfo.IsInteractive || run.IsFinished) return;
        // ... then, while the task runs, the rest live.
        var seen = run.Position.Row;
        _ = Follower.FollowAsync(run, change => InvokeAsync(async () =>
        {
            change();
            // Each new event may change the phase times, the status or the log: read the task again.
            if (run.Position.Row != seen)
            {
                seen = run.Position.Row;
                await LoadAsync();
            }
            StateHasChanged();
        }), alive.Token);
    }

    async Task LoadAsync()
    {
        task = await Work.RunAsync<TaskRepository, TaskView?>(tasks => tasks.GetAsync(taskId, alive.Token));
        if (task is null) return;
        progress = await Work.RunAsync<TaskFeed, TaskProgressView?>(feed => feed.ProgressAsync(taskId, alive.Token));
        logs = await Work.RunAsync<TaskLogQueries, IReadOnlyList<TaskLogLine>>(queries => queries.ForTaskAsync(taskId, alive.Token));
        code = await Work.RunAsync<TaskCodeQueries, TaskCode?>(queries => queries.FindAsync(taskId, alive.Token));
        tests = await Reports.TestsAsync(taskId, alive.Token);
        review = await Reports.ReviewAsync(taskId, alive.Token);
    }

    RunResult? RecordedResult()
    {
        if (task is null || task.Status is not ("completed" or "failed" or "cancelled")) return null;
        var recorded = task.Result;
        int? Int(string a, string b) => recorded?[a]?[b] is { } n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)Math.Round((double)n) : null;
        var issues = recorded?["review"]?["issues"] is System.Text.Json.Nodes.JsonArray list ? list.Count : Int("review", "issues");
        var coverage = recorded?["tests"]?["coverage"] is { } c && c.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (double?)c : null;
        return new RunResult(task.Status, task.FailureReason, task.PreviewUrl ?? (string?)recorded?["preview_url"], task.ProjectName, task.BranchName,
            Int("tests", "total"), Int("tests", "passed"), Int("tests", "failed"), coverage, Int("review", "score"), issues, task.Limitations);
    }

    static Color StatusColor(string status) => status switch
    {
        "completed" => Color.Success,
        "failed" => Color.Error,
        "cancelled" => Color.Default,
        _ => Color.Info,
    };

    public async ValueTask DisposeAsync()
    {
        await alive.CancelAsync();
        alive.Dispose();
    }
}
