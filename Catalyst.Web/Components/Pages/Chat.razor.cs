using Catalyst.Core.Conversations;
using Catalyst.Web.Chat;
using Catalyst.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Catalyst.Web.Components.Pages;

/// <summary>
/// The chat: a turn goes through the same service as POST /api/chat, in process; the task it starts is then
/// followed live through the circuit, its agents' lines streaming in until the result card shows.
/// </summary>
public sealed partial class Chat
{
    const int MaxMessageLength = 20_000;
    static readonly string[] Examples = ["build a todo app with login", "an expense tracker with amount, category and date", "a recipe book where recipes have a title, ingredients and steps"];

    sealed record ThreadEntry(string Role, string Content, Guid? TaskId);

    [Parameter] public Guid? ConversationId { get; set; }

    [Inject] ScopedWork Work { get; set; } = default!;
    [Inject] IChatTurns Turns { get; set; } = default!;
    [Inject] TaskRunFollower Follower { get; set; } = default!;
    [Inject] NavigationManager Navigation { get; set; } = default!;
    [Inject] TimeProvider Time { get; set; } = default!;
    [Inject] IJSRuntime Js { get; set; } = default!;

    IReadOnlyList<ConversationSummary> conversations = [];
    readonly List<ThreadEntry> thread = [];
    readonly Dictionary<Guid, TaskRun> runs = [];
    Guid? loadedId;
    bool loaded;
    bool missing;
    string? title;
    string? draft;
    string? error;
    bool sending;
    CancellationTokenSource following = new();
    readonly CancellationTokenSource alive = new();
    Task? ticking;

    /// <summary>The task the conversation is about now: the last one a message started.</summary>
    TaskRun? ActiveRun => thread.LastOrDefault(e => e.TaskId is not null)?.TaskId is { } id && runs.TryGetValue(id, out var run) ? run : null;

    /// <summary>The prerendered page waits for its circuit: what is typed before it could not be sent.</summary>
    bool Busy => !RendererInfo.IsInteractive || sending || ActiveRun is { IsFinished: false };

    DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnParametersSetAsync()
    {
        // The page navigates to its own new conversation after the first turn: nothing to load then.
        if (loaded && ConversationId == loadedId) return;
        await following.CancelAsync();
        following.Dispose();
        following = new CancellationTokenSource();
        thread.Clear();
        runs.Clear();
        (missing, title, error, loadedId, loaded) = (false, null, null, ConversationId, true);

        conversations = (await Work.RunAsync<ConversationRepository, Core.Tasks.PagedResult<ConversationSummary>>(
            repo => repo.ListAsync(1, 50, alive.Token))).Items;
        if (ConversationId is not { } id) return;
        var conversation = await Work.RunAsync<ConversationRepository, ConversationView?>(repo => repo.GetAsync(id, alive.Token));
        if (conversation is null) { missing = true; return; }
        title = conversation.Title;
        foreach (var message in conversation.Messages)
        {
            thread.Add(new ThreadEntry(message.Role, message.Content, message.Role == ConversationRoles.Assistant ? message.TaskId : null));
            if (message.Role == ConversationRoles.Assistant && message.TaskId is { } taskId) Follow(taskId);
        }
    }

    int shown;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) ticking = TickAsync();
        // New messages, lines or a result card: keep the newest in view, as a chat does.
        var now = thread.Count + runs.Values.Sum(r => r.LineCount + (r.IsFinished ? 1 : 0));
        if (now == shown) return;
        shown = now;
        try { await Js.InvokeVoidAsync("scrollTo", 0, 1_000_000); }
        catch (JSDisconnectedException) { }
    }

    /// <summary>Sends the draft; the user's message shows at once, the reply when the turn is done.</summary>
    async Task SendAsync()
    {
        var message = draft?.Trim();
        if (Busy || string.IsNullOrEmpty(message)) return;
        if (message.Length > MaxMessageLength) { error = $"The message is {message.Length:N0} characters long; the limit is {MaxMessageLength:N0}."; return; }
        (sending, error, draft) = (true, null, "");
        thread.Add(new ThreadEntry(ConversationRoles.User, message, null));
        title ??= message;
        StateHasChanged();
        try
        {
            var turn = await Turns.SendAsync(loadedId, message, alive.Token);
            if (turn.Error is not null)
            {
                error = turn.Error;
                thread.RemoveAt(thread.Count - 1);
                draft = message;
                return;
            }
            thread.Add(new ThreadEntry(ConversationRoles.Assistant, turn.Reply ?? "", turn.TaskId));
            if (turn.TaskId is { } taskId) Follow(taskId);
            if (loadedId is null && turn.ConversationId is { } started)
            {
                loadedId = started;
                conversations = (await Work.RunAsync<ConversationRepository, Core.Tasks.PagedResult<ConversationSummary>>(
                    repo => repo.ListAsync(1, 50, alive.Token))).Items;
                Navigation.NavigateTo($"chat/{started}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = $"The message could not be sent: {ex.Message} Try again in a moment.";
            draft = message;
        }
        finally
        {
            sending = false;
        }
    }

    void Follow(Guid taskId)
    {
        if (runs.ContainsKey(taskId)) return;
        var run = runs[taskId] = new TaskRun(taskId);
        // Only a live circuit follows; the prerendered page shows the thread and is replaced at once.
        if (!RendererInfo.IsInteractive) return;
        _ = Follower.FollowAsync(run, change => InvokeAsync(() => { change(); StateHasChanged(); }), following.Token);
    }

    /// <summary>The banner's clock: once a second while a task runs. The progress itself is pushed by the feed.</summary>
    async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(alive.Token))
                if (ActiveRun is { IsFinished: false }) await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await following.CancelAsync();
        await alive.CancelAsync();
        if (ticking is not null) await ticking;
        following.Dispose();
        alive.Dispose();
    }
}
