using Catalyst.Core.Git;
using Catalyst.Core.Git.GitHub;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

/// <summary>
/// A project's repository on GitHub (Catalyst:GitHub): push its branches, open a pull request for a task's
/// branch. The repository is created under Catalyst:GitHub:Owner when it is missing. The token is never shown.
/// </summary>
public static class GitHubApi
{
    const int MaxTitleLength = 256;
    const int MaxBodyLength = 65_536;

    public sealed record PushRequest(string? Branch);

    public sealed record GitHubRepositoryView(string Owner, string Name, string HtmlUrl, string CloneUrl, bool Created);

    public sealed record PushedBranchView(string Name, string Commit);

    public sealed record PushView(Guid ProjectId, GitHubRepositoryView Repository, PushedBranchView[] Branches);

    public sealed record PullRequestRequest(Guid? TaskId, string? Branch, string? Base, string? Title, string? Body);

    public sealed record PullRequestView(
        Guid ProjectId, Guid? TaskId, int Number, string Url, string Head, string Base, string Commit, string State, bool Created, string RepositoryUrl);

    public static RouteGroupBuilder MapGitHubApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/git/repos").WithTags("Git");
        api.MapPost("/{projectId}/push", Push)
            .WithSummary("Pushes the project's branches (or the one named) to its GitHub repository, created under Catalyst:GitHub:Owner if missing.")
            .WithDescription("Body (optional): {\"branch\": \"feature/task-1a2b3c4d\"}. Answers {project_id, repository: {owner, name, html_url, clone_url, created}, branches: [{name, commit}]}. "
                + "503 when Catalyst:GitHub:Token is not set, 502 when GitHub fails, 409 when GitHub's branch has commits this one lacks.");
        api.MapPost("/{projectId}/pr", OpenPullRequest)
            .WithSummary("Opens a pull request from a task's branch to main (the project's latest approved task unless task_id or branch says); an open one is returned as it is.")
            .WithDescription("Body (optional): {\"task_id\": \"...\", \"branch\": \"feature/task-1a2b3c4d\", \"base\": \"main\", \"title\": \"...\", \"body\": \"...\"}. "
                + "201 with {number, url, head, base, commit, state, created: true} for a new pull request, 200 with created: false for the one already open from that branch.");
        return api;
    }

    static async Task<Results<Ok<PushView>, ProblemHttpResult>> Push(
        string projectId, PushRequest? request, ProjectRepository projects, GitHubPublications publications, GitHubPublisher publisher, CancellationToken ct)
    {
        if (!Guid.TryParse(projectId, out var id)) return GitRepositoriesApi.NotAProjectId(projectId);
        if (request?.Branch is { } named && !GitRepository.IsRevisionName(named)) return InvalidBranch("branch", named);
        if (await projects.GetAsync(id, ct) is not { } project) return GitRepositoriesApi.ProjectNotFound(id);
        if (!publisher.IsConfigured) return NotConfigured();
        try
        {
            var push = await publications.PushAsync(project, request?.Branch is { } branch ? [branch] : null, ct);
            return TypedResults.Ok(new PushView(id, View(push.Repository), [.. push.Branches.Select(b => new PushedBranchView(b.Name, b.Commit))]));
        }
        catch (Exception e) when (Problem(e) is { } problem) { return problem; }
    }

    static async Task<Results<Created<PullRequestView>, Ok<PullRequestView>, ProblemHttpResult>> OpenPullRequest(
        string projectId, PullRequestRequest? request, ProjectRepository projects, GitHubPublications publications, GitHubPublisher publisher, CancellationToken ct)
    {
        if (!Guid.TryParse(projectId, out var id)) return GitRepositoriesApi.NotAProjectId(projectId);
        request ??= new PullRequestRequest(null, null, null, null, null);
        if (Invalid(request) is { } invalid) return invalid;
        if (await projects.GetAsync(id, ct) is not { } project) return GitRepositoriesApi.ProjectNotFound(id);
        if (!publisher.IsConfigured) return NotConfigured();

        var (task, refusal) = await TaskForAsync(id, request, publications, ct);
        if (refusal is not null) return refusal;
        var draft = GitHubPublications.Draft(project.Name, task, request.Branch ?? task!.BranchName!, request.Base, request.Title, request.Body);
        if (draft.Head == draft.Base)
            return BadRequest("Invalid branch", $"A pull request needs two branches: '{draft.Head}' is its own base.");
        try
        {
            var published = await publications.PublishAsync(project, task, draft, ct);
            var pull = published.PullRequest;
            var view = new PullRequestView(id, task?.Id, pull.Number, pull.Url, pull.Head, pull.Base, published.Head.Commit, pull.State, pull.Created, published.Repository.HtmlUrl);
            return pull.Created ? TypedResults.Created(pull.Url, view) : TypedResults.Ok(view);
        }
        catch (Exception e) when (Problem(e) is { } problem) { return problem; }
    }

    /// <summary>The task whose branch the pull request is for: the one named, the one on the named branch, or the latest approved.</summary>
    static async Task<(TaskEntity? Task, ProblemHttpResult? Refusal)> TaskForAsync(
        Guid projectId, PullRequestRequest request, GitHubPublications publications, CancellationToken ct)
    {
        if (request.TaskId is { } taskId)
        {
            var task = await publications.FindAsync(taskId, ct);
            if (task is null || task.ProjectId != projectId)
                return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found", detail: $"Project {projectId} has no task {taskId}."));
            if (task.BranchName is null)
                return (null, Conflict("No branch yet", $"Task {taskId} has no branch yet: the Coder has not committed its code."));
            if (request.Branch is { } branch && branch != task.BranchName)
                return (null, BadRequest("Invalid branch", $"Task {taskId} works on '{task.BranchName}', not '{branch}': send one of task_id and branch."));
            return (task, null);
        }
        if (request.Branch is { } named) return (await publications.OnBranchAsync(projectId, named, ct), null);
        return await publications.LatestApprovedAsync(projectId, ct) is { } approved
            ? (approved, null)
            : (null, Conflict("No approved task", $"Project {projectId} has no approved task yet: name the branch (\"branch\") or the task (\"task_id\") to open a pull request for."));
    }

    static ProblemHttpResult? Invalid(PullRequestRequest request)
    {
        if (request.Branch is { } branch && !GitRepository.IsRevisionName(branch)) return InvalidBranch("branch", branch);
        if (request.Base is { } @base && !GitRepository.IsRevisionName(@base)) return InvalidBranch("base", @base);
        if (request.Title is { Length: > MaxTitleLength }) return BadRequest("Invalid title", $"title is {request.Title.Length} characters long; at most {MaxTitleLength} are allowed.");
        if (request.Body is { Length: > MaxBodyLength }) return BadRequest("Invalid body", $"body is {request.Body.Length} characters long; at most {MaxBodyLength} are allowed.");
        return null;
    }

    static GitHubRepositoryView View(GitHubRepository repository) =>
        new(repository.Owner, repository.Name, repository.HtmlUrl, repository.CloneUrl.ToString(), repository.Created);

    static ProblemHttpResult? Problem(Exception exception) => exception switch
    {
        GitHubException { Failure: GitHubFailure.NotConfigured } => NotConfigured(),
        GitHubException { Failure: GitHubFailure.Rejected } rejected => Conflict("Refused by GitHub", rejected.Message),
        GitHubException unavailable => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "GitHub failed", detail: unavailable.Message),
        RepositoryReadException notFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: notFound.Message),
        _ => null,
    };

    static ProblemHttpResult NotConfigured() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "GitHub is not configured",
            detail: $"Set {GitHubOptions.Section}:Token (and {GitHubOptions.Section}:Owner; {GitHubOptions.Section}:BaseUrl for GitHub Enterprise) to push projects and open pull requests.");

    static ProblemHttpResult InvalidBranch(string field, string value) =>
        BadRequest("Invalid branch", $"{field} '{value}' is not a branch name: letters, digits and /._- only, not starting with '-' and without '..'.");

    static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
