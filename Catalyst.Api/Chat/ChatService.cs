using Catalyst.Api.Apis;
using Catalyst.Api.Explorer;
using Catalyst.Api.Tasks;
using Catalyst.Core.Conversations;
using Catalyst.Core.Tasks;

namespace Catalyst.Api.Chat;

/// <summary>
/// One turn of a conversation: keep the user's message, read its intent, act on it (start a task through the
/// same path as POST /api/tasks, or answer from the current task's state), and keep the reply.
/// </summary>
public sealed class ChatService(
    ConversationRepository conversations, TaskRepository tasks, TaskSubmission submission, ScanSubmissions scans, IntentReader reader, ChatReplies replies, ModelAnswers model)
{
    /// <summary>The reply; null when <see cref="ChatRequest.ConversationId"/> names no conversation.</summary>
    public async Task<ChatResponse?> SendAsync(ChatRequest request, CancellationToken ct)
    {
        var message = request.Message!.Trim();
        var conversation = request.ConversationId is { } id
            ? await conversations.FindAsync(id, ct)
            : await conversations.StartAsync(message, ct);
        if (conversation is null) return null;

        var context = ConversationRepository.ContextOf(conversation);
        // Kept before anything is acted on, so a failure below never loses what the user wrote.
        var asked = await conversations.AppendAsync(conversation, ConversationRoles.User, message, started: null, ct);

        var reading = reader.Read(message, hasProject: context.CurrentProjectId is not null);
        TaskCreated? started = null;
        string reply;
        switch (reading.Intent)
        {
            case ChatIntent.Build:
                started = await submission.SubmitAsync(new CreateTaskRequest(message, ProjectName: null), ct);
                reply = replies.Started(started, reading.Understood);
                break;
            case ChatIntent.FollowUp:
                var previous = context.CurrentTaskId is { } previousId ? await tasks.GetAsync(previousId, ct) : null;
                started = await submission.SubmitAsync(new CreateTaskRequest(message, ProjectName: null, ProjectId: context.CurrentProjectId), ct);
                reply = replies.Changing(started, previous);
                break;
            case ChatIntent.Analyze:
                (started, reply) = await AnalyzeAsync(reading, message, ct);
                break;
            case ChatIntent.Question:
                var task = context.CurrentTaskId is { } taskId ? await tasks.GetAsync(taskId, ct) : null;
                reply = task is null ? replies.NoTaskYet() : await model.AnswerAsync(message, task, TaskAnswers.Answer(task, reading.Topic), ct);
                break;
            default:
                reply = replies.Help(reading.ChangeWithoutProject);
                break;
        }

        // The request and its answer both point at the task the request started; saved with the answer.
        asked.TaskId = started?.TaskId;
        await conversations.AppendAsync(conversation, ConversationRoles.Assistant, reply, started, ct);
        return new ChatResponse(conversation.Id, reply, reading.Intent, started?.TaskId, started?.ProjectId ?? context.CurrentProjectId);
    }

    /// <summary>"analyze X [and build something similar]": a scan through the same path as POST /api/explorer/scan.</summary>
    async Task<(TaskCreated? Started, string Reply)> AnalyzeAsync(IntentReading reading, string message, CancellationToken ct)
    {
        var target = reading.Target ?? "";
        var request = new ScanRequest(ScanTargets.TypeOf(target), ScanTargets.Normalize(target), BuildSimilar: reading.BuildSimilar);
        if (request.Validate() is { Count: > 0 } errors) return (null, ChatReplies.CannotScan(target, string.Join(" ", errors.Values.SelectMany(e => e))));
        var (scan, refusal) = await scans.SubmitAsync(request, message, ct);
        if (refusal is not null) return (null, ChatReplies.CannotScan(target, refusal.Detail));
        return (new TaskCreated(scan!.TaskId, scan.TraceId, scan.ProjectId, scan.ProjectName, scan.Status), ChatReplies.Scanning(scan, target));
    }
}
