using Catalyst.Api.Chat;
using Catalyst.Core.Tasks;
using Catalyst.Web.Chat;

namespace Catalyst.Tests.Web;

/// <summary>The chat page's words for the replies the API words for its clients: the same reply, no API addresses.</summary>
public sealed class ReplyTextTests
{
    static readonly TaskCreated Task = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "todo-app", "queued");
    readonly ChatReplies replies = new(ChatVocabulary.Default);

    [Fact]
    public void A_started_build_is_told_without_the_task_id_or_the_api_address()
    {
        var stored = replies.Started(Task, "Keeps track of todos (title, done).");

        var shown = ReplyText.ForPeople(stored);

        Assert.Contains($"GET /api/tasks/{Task.TaskId}", stored); // API clients keep their pointer
        Assert.Equal("Started a task to build project \"todo-app\". Keeps track of todos (title, done).\n"
            + "Its progress shows below as the agents work; ask me \"what's the status?\" at any time.", shown);
    }

    [Fact]
    public void A_change_and_a_status_answer_lose_their_api_addresses_and_keep_everything_else()
    {
        var change = ReplyText.ForPeople(replies.Changing(Task, previous: null));
        var status = ReplyText.ForPeople($"Task {Task.TaskId} on project \"todo-app\" is awaiting approval.\n"
            + $"It waits for you to approve the understood spec: POST /api/tasks/{Task.TaskId}/plan/approve.\nDetails: GET /api/tasks/{Task.TaskId}");

        Assert.StartsWith("Started a task to change project \"todo-app\": the agents work on the existing app.", change);
        Assert.DoesNotContain("/api/", change);
        Assert.Equal($"Task {Task.TaskId} on project \"todo-app\" is awaiting approval.\nIt waits for you to approve the understood spec shown with it.", status);
    }
}
