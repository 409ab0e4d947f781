using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Git.GitHub;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// The Deployer's first step when Catalyst:Git:StorageMode is GitHub or Both (spec 6.2): the approved branch is
/// pushed to the project's GitHub repository and a pull request to main is opened (or found open). GitHub being
/// away or refusing never fails the task: the preview goes on, and git.pushed and the task's log say what failed.
/// </summary>
public sealed partial class GitHubPublicationStep(
    GitHubPublisher publisher, IOptions<GitOptions> git, IOptions<GitHubOptions> github, ILogger<GitHubPublicationStep> logger)
{
    public async Task RunAsync(AgentContext context, AgentEvent decision, CancellationToken ct)
    {
        if (!git.Value.PushesToGitHub) return;
        var task = context.Task;
        var branch = string.IsNullOrEmpty(decision.Branch) ? task.BranchName : decision.Branch;
        if (string.IsNullOrEmpty(branch))
        {
            context.Progress("⚠️ GitHub: the task has no branch to push", "warning");
            return;
        }
        var project = await context.Db.Projects.FirstAsync(p => p.Id == task.ProjectId, ct);
        try
        {
            var published = await publisher.PublishAsync(project, GitHubPublications.Draft(project.Name, task, branch), ct);
            GitHubPublications.Record(project, task, published);
            context.Emit(EventTypes.GitPushed, published.ToJson(), branch: branch, commit: published.Head.Commit);
            var pull = published.PullRequest;
            context.Progress($"📤 Pushed to GitHub: PR #{pull.Number} {(pull.Created ? "opened" : "already open")}: {pull.Url}");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = e is GitHubException ? e.Message : github.Value.Scrub(e.Message);
            LogFailed(logger, task.Id, reason);
            var failed = new JsonObject { ["status"] = "failed", ["branch"] = branch, ["reason"] = reason };
            TaskMetadata.Set(task, TaskMetadata.GitHub, failed.DeepClone());
            context.Emit(EventTypes.GitPushed, failed, branch: branch);
            context.Progress($"⚠️ GitHub: the branch was not pushed or its pull request not opened, the deployment goes on. {reason}", "warning");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: pushing to GitHub failed, the deployment goes on: {Reason}")]
    static partial void LogFailed(ILogger logger, Guid taskId, string reason);
}
