using System.Text.RegularExpressions;

namespace Catalyst.Web.Chat;

/// <summary>
/// The assistant's reply as the chat page shows it. A conversation is shared with API clients, so the stored reply
/// points them at the API ("Follow it at GET /api/tasks/…"); in the page the task streams in right below the
/// reply and has its own task page, so those pointers become words for a person.
/// </summary>
public static partial class ReplyText
{
    public static string ForPeople(string reply)
    {
        var text = StartedTask().Replace(reply, "Started a task to $1 project");
        text = FollowIt().Replace(text, "Its progress shows below as the agents work; ask me \"what's the status?\" at any time.");
        text = AwaitingApproval().Replace(text, "It waits for you to approve the understood spec shown with it.");
        text = Details().Replace(text, "");
        return text.TrimEnd('\n');
    }

    [GeneratedRegex(@"Started task [0-9a-f-]{36} to (build|change) project")]
    private static partial Regex StartedTask();

    [GeneratedRegex(@"Follow it at GET /api/tasks/[0-9a-f-]{36}, or ask me ""what's the status\?""\.")]
    private static partial Regex FollowIt();

    [GeneratedRegex(@"It waits for you to approve the understood spec: POST /api/tasks/[0-9a-f-]{36}/plan/approve\.")]
    private static partial Regex AwaitingApproval();

    [GeneratedRegex(@"\n?Details: GET /api/tasks/[0-9a-f-]{36}")]
    private static partial Regex Details();
}
