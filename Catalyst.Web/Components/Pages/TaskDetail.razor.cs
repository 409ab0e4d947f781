using Catalyst.Core.Tasks;
using Catalyst.Core.Tasks.Feed;
using Catalyst.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Catalyst.Web.Components.Pages;

/// <summary>
/// One task: its timeline (time per phase, fix rounds), its result (tests, review, preview) and its log. While the
/// task runs the page follows its live feed and re-reads the task on each event, so it never needs a reload.
/// </summary>
public sealed partial class TaskDetail
{
    [Parameter] public Guid Id { get; set; }

    [Inject] ScopedWork Work { get; set; } = default!;
    [Inject] TaskRunFollower Follower { get; set; } = default!;

    TaskView? task;
    TaskProgressView? progress;
    IReadOnlyList<TaskLogLine> logs = [];
    TaskRun? run;
    bool loaded;
    readonly CancellationTokenSource alive = new();

    /// <summary>From the live feed when it has ended, else what the Deployer recorded on the task.</summary>
    RunResult? Result => run?.Result ?? RecordedResult();

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        loaded = true;
        if (task is null || !RendererInfo.IsInteractive || task.Status is "completed" or "failed" or "cancelled") return;
        run = new TaskRun(Id);
        var seen = 0L;
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
        task = await Work.RunAsync<TaskRepository, TaskView?>(tasks => tasks.GetAsync(Id, alive.Token));
        if (task is null) return;
        progress = await Work.RunAsync<TaskFeed, TaskProgressView?>(feed => feed.ProgressAsync(Id, alive.Token));
        logs = await Work.RunAsync<TaskLogQueries, IReadOnlyList<TaskLogLine>>(queries => queries.ForTaskAsync(Id, alive.Token));
    }

    RunResult? RecordedResult()
    {
        if (task is null || task.Status is not ("completed" or "failed" or "cancelled")) return null;
        var recorded = task.Result;
        int? Int(string a, string b) => recorded?[a]?[b] is { } n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)Math.Round((double)n) : null;
        var issues = recorded?["review"]?["issues"] is System.Text.Json.Nodes.JsonArray list ? list.Count : Int("review", "issues");
        var coverage = recorded?["tests"]?["coverage"] is { } c && c.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (double?)c : null;
        return new RunResult(task.Status, task.FailureReason, task.PreviewUrl ?? (string?)recorded?["preview_url"], task.ProjectName, task.BranchName,
            Int("tests", "total"), Int("tests", "passed"), Int("tests", "failed"), coverage, Int("review", "score"), issues);
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
