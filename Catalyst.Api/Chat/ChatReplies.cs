using Catalyst.Core.Explorer;
using Catalyst.Core.Tasks;

namespace Catalyst.Api.Chat;

/// <summary>The assistant's words for what the chat did; examples come from the vocabulary, not from code.</summary>
public sealed class ChatReplies(ChatVocabulary vocabulary)
{
    public string Started(TaskCreated task, string? understood) =>
        $"Started task {task.TaskId} to build project \"{task.ProjectName}\". {understood}".TrimEnd()
        + $"\nFollow it at GET /api/tasks/{task.TaskId}, or ask me \"what's the status?\".";

    public string Changing(TaskCreated task, TaskView? previous) =>
        $"Started task {task.TaskId} to change project \"{task.ProjectName}\": the agents work on the existing app."
        // Two unfinished tasks on one project is worth knowing about before either finishes.
        + (previous is not null && TaskStateNames.TryParse(previous.Status, out var state) && state is not (TaskState.Completed or TaskState.Failed or TaskState.Cancelled)
            ? $"\nThe previous task {previous.Id} on this project is still {previous.Status.Replace('_', ' ')}." : "")
        + $"\nFollow it at GET /api/tasks/{task.TaskId}, or ask me \"what's the status?\".";

    public static string Scanning(ScanCreated scan, string target) =>
        $"Started scan {scan.ScanId} of {target} in task {scan.TaskId}."
        + (scan.BuildRequested ? $" Once it is done, the Planner builds something similar from its findings in project \"{scan.ProjectName}\"." : "")
        + $"\nFollow it at GET /api/explorer/scans/{scan.ScanId}, or ask me \"what's the status?\".";

    public static string CannotScan(string target, string reason) =>
        $"I cannot analyze {target}: {reason} No scan was started.";

    public string NoTaskYet() =>
        "This conversation has no task yet, so there is nothing to report on. " + Try("build", "Describe an app to start one, for example");

    public string Help(bool changeWithoutProject)
    {
        var opening = changeWithoutProject
            ? "There is no app in this conversation to change yet: describe the app first, then ask for changes."
            : "I am Catalyst: describe an app and agents plan, build, test, review and deploy it, with a preview you can open.";
        return string.Join('\n',
            opening,
            Try("build", "To build one, say for example"),
            Try("follow_up", "Then change it in the same conversation"),
            Try("question", "Ask about the current task"),
            "To analyze a repository, say for example \"analyze https://github.com/user/blog\", and add \"and build something similar\" to build from what is found.");
    }

    string Try(string intent, string lead) =>
        vocabulary.Examples.TryGetValue(intent, out var examples) && examples.Length > 0
            ? $"{lead}: {string.Join(", ", examples.Select(e => $"\"{e}\""))}."
            : "";
}
