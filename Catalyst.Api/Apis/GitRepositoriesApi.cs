using System.Globalization;
using System.Text.Json.Serialization;
using Catalyst.Core.Git;
using Catalyst.Core.Git.GitHub;
using Catalyst.Core.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

/// <summary>
/// The projects' repositories as a whole: which there are, their branches, and each branch's history. Read fresh
/// on every call, since branches move; what is read at one commit is GitApi's, and cached.
/// </summary>
public static class GitRepositoriesApi
{
    const int DefaultLimit = 50;

    public sealed record CommitView(string Sha, string Subject, string Message, string Author, string AuthorEmail, DateTimeOffset Date, string[] Parents);

    public sealed record RepositoryListItem(Guid ProjectId, string Name, string DefaultBranch, string[] Branches, CommitView? LastCommit);

    public sealed record BranchView(string Name, CommitView Head);

    public sealed record PullRequestLink(Guid TaskId, string Branch, int Number, string Url);

    /// <summary>Where the project was pushed on GitHub, and the pull requests its tasks have there.</summary>
    public sealed record GitHubLink(string RepositoryUrl, PullRequestLink[] PullRequests);

    public sealed record RepositoryView(
        Guid ProjectId, string Name, string DefaultBranch, string? CheckedOutBranch, BranchView[] Branches, long SizeBytes,
        [property: JsonPropertyName("github")] GitHubLink? GitHub);

    public sealed record HistoryView(Guid ProjectId, string Branch, int Limit, CommitView[] Commits);

    public static RouteGroupBuilder MapGitRepositoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/git/repos").WithTags("Git");
        api.MapGet("/", ListRepositories).WithSummary("The projects that have a repository, each with its branches and its default branch's newest commit.");
        api.MapGet("/{projectId}", GetRepository).WithSummary("One project's repository: every branch with the commit at its tip, its size on disk, and where it is on GitHub (with its pull requests) once pushed.");
        api.MapGet("/{projectId}/commits", GetCommits).WithSummary("A branch's history, newest first (branch=main and limit=50 unless said).");
        return api;
    }

    static async Task<Ok<RepositoryListItem[]>> ListRepositories(ProjectRepository projects, RepositoryCatalog catalog, CancellationToken ct)
    {
        var items = new List<RepositoryListItem>();
        foreach (var project in await projects.ListAsync(ct))
            if (await catalog.SummaryAsync(project.Slug, ct) is { } summary)
                items.Add(new RepositoryListItem(project.Id, project.Name, summary.DefaultBranch, [.. summary.Branches], summary.LastCommit is { } last ? View(last) : null));
        return TypedResults.Ok(items.ToArray());
    }

    static async Task<Results<Ok<RepositoryView>, ProblemHttpResult>> GetRepository(
        string projectId, ProjectRepository projects, RepositoryCatalog catalog, GitHubPublications publications, CancellationToken ct)
    {
        if (!Guid.TryParse(projectId, out var id)) return NotAProjectId(projectId);
        if (await projects.GetAsync(id, ct) is not { } project) return ProjectNotFound(id);
        if (await catalog.DetailsAsync(project.Slug, ct) is not { } details) return NoRepository(id);
        var github = project.RepoUrl is { } url
            ? new GitHubLink(url, [.. (await publications.PullRequestsAsync(id, ct)).Select(p => new PullRequestLink(p.TaskId, p.Branch, p.Number, p.Url))])
            : null;
        return TypedResults.Ok(new RepositoryView(id, project.Name, details.DefaultBranch, details.CheckedOutBranch,
            [.. details.Branches.Select(b => new BranchView(b.Name, View(b.Head)))], details.SizeBytes, github));
    }

    static async Task<Results<Ok<HistoryView>, ProblemHttpResult>> GetCommits(
        string projectId, string? branch, string? limit, ProjectRepository projects, RepositoryCatalog catalog, CancellationToken ct)
    {
        if (!Guid.TryParse(projectId, out var id)) return NotAProjectId(projectId);
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > RepositoryCatalog.MaxHistory))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit",
                detail: $"limit must be a whole number from 1 to {RepositoryCatalog.MaxHistory}; '{limit}' is not.");
        string name;
        try { name = RepositoryBrowser.RevisionOrDefault(branch); }
        catch (RepositoryReadException invalid) { return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid branch", detail: invalid.Message); }

        if (await projects.GetAsync(id, ct) is not { } project) return ProjectNotFound(id);
        if (await catalog.HistoryAsync(project.Slug, name, count, ct) is not { } commits)
            return !catalog.HasRepository(project.Slug)
                ? NoRepository(id)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Branch not found",
                    detail: $"Project {id} has no branch '{name}': GET /api/git/repos/{id} lists its branches.");
        return TypedResults.Ok(new HistoryView(id, name, count, [.. commits.Select(View)]));
    }

    static CommitView View(GitCommit c) => new(c.Sha, c.Subject, c.Message, c.Author, c.AuthorEmail, c.Date, [.. c.Parents]);

    internal static ProblemHttpResult NotAProjectId(string value) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid project id",
            detail: $"'{value}' is not a project id: project ids are GUIDs, as GET /api/projects lists them.");

    internal static ProblemHttpResult ProjectNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found", detail: $"There is no project with id {id}.");

    static ProblemHttpResult NoRepository(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Repository not found",
            detail: $"Project {id} has no repository yet: nothing has been committed to it.");
}
