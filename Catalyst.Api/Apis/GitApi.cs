using Catalyst.Core.Git;
using Catalyst.Core.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Catalyst.Api.Apis;

/// <summary>
/// Read-only browsing of a project's repository. Each ref (branch, tag or commit; main when left out) is
/// resolved to its commit first; what is read at that commit comes from the cache when it can (RepositoryBrowser).
/// </summary>
public static class GitApi
{
    public sealed record TreeView(Guid ProjectId, string Ref, string Commit, string Path, GitTreeEntry[] Entries);

    public sealed record FileChangeView(string Path, int? Additions, int? Deletions, bool Binary);

    public sealed record DiffView(
        Guid ProjectId, string Base, string Head, string BaseCommit, string HeadCommit,
        int Additions, int Deletions, FileChangeView[] Files, string Patch, bool Truncated);

    public static RouteGroupBuilder MapGitApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/git/repos/{projectId:guid}").WithTags("Git");
        api.MapGet("/tree", GetTree).WithSummary("The entries of a folder (the root unless path says) at a ref: folders first, then files.");
        api.MapGet("/file", GetFile).WithSummary("A file's content at a ref: text/plain when it is UTF-8 text, else application/octet-stream.");
        api.MapGet("/diff", GetDiff).WithSummary("The unified diff between two refs, with each file's added and deleted lines.");
        return api;
    }

    static async Task<Results<Ok<TreeView>, ProblemHttpResult>> GetTree(
        Guid projectId, [FromQuery(Name = "ref")] string? reference, string? path,
        ProjectRepository projects, RepositoryBrowser browser, CancellationToken ct)
    {
        try
        {
            if (await FindAsync(projectId, projects, ct) is not { } project) return ProjectNotFound(projectId);
            var tree = await browser.TreeAsync(project, reference, path, ct);
            return TypedResults.Ok(new TreeView(projectId, RefOrDefault(reference), tree.Commit, tree.Path, [.. tree.Entries]));
        }
        catch (Exception e) when (Problem(e) is { } problem) { return problem; }
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetFile(
        Guid projectId, [FromQuery(Name = "ref")] string? reference, string? path,
        ProjectRepository projects, RepositoryBrowser browser, HttpResponse response, CancellationToken ct)
    {
        try
        {
            if (await FindAsync(projectId, projects, ct) is not { } project) return ProjectNotFound(projectId);
            var file = await browser.FileAsync(project, reference, path, ct);
            response.Headers["X-Catalyst-Commit"] = file.Commit;
            response.Headers.XContentTypeOptions = "nosniff"; // repository content is never to be run as a page
            var contentType = file.IsBinary ? "application/octet-stream" : "text/plain; charset=utf-8";
            // The same path at the same commit is the same bytes: the pair is a strong validator.
            return TypedResults.File(file.Content, contentType, entityTag: new EntityTagHeaderValue($"\"{file.Commit}\""));
        }
        catch (Exception e) when (Problem(e) is { } problem) { return problem; }
    }

    static async Task<Results<Ok<DiffView>, ProblemHttpResult>> GetDiff(
        Guid projectId, [FromQuery(Name = "base")] string? baseReference, [FromQuery(Name = "head")] string? headReference,
        ProjectRepository projects, RepositoryBrowser browser, CancellationToken ct)
    {
        try
        {
            if (await FindAsync(projectId, projects, ct) is not { } project) return ProjectNotFound(projectId);
            var found = await browser.DiffAsync(project, baseReference, headReference, ct);
            var files = found.Diff.Files.Select(f => new FileChangeView(f.Path, f.Additions, f.Deletions, f.Additions is null)).ToArray();
            return TypedResults.Ok(new DiffView(projectId, baseReference!, RefOrDefault(headReference), found.BaseCommit, found.HeadCommit,
                files.Sum(f => f.Additions ?? 0), files.Sum(f => f.Deletions ?? 0), files, found.Diff.Patch, found.Diff.Truncated));
        }
        catch (Exception e) when (Problem(e) is { } problem) { return problem; }
    }

    static async Task<BrowsedProject?> FindAsync(Guid projectId, ProjectRepository projects, CancellationToken ct) =>
        await projects.GetAsync(projectId, ct) is { } project ? new BrowsedProject(project.Id, project.Slug) : null;

    static string RefOrDefault(string? reference) => string.IsNullOrWhiteSpace(reference) ? RepositoryBrowser.DefaultRef : reference;

    static ProblemHttpResult ProjectNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found", detail: $"There is no project with id {id}.");

    static ProblemHttpResult? Problem(Exception exception) => exception switch
    {
        UnsafePathException unsafePath => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid path", detail: unsafePath.Message),
        RepositoryReadException read => read.Failure switch
        {
            RepositoryReadFailure.InvalidRevision => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid ref", detail: read.Message),
            RepositoryReadFailure.RevisionNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Ref not found", detail: read.Message),
            RepositoryReadFailure.PathNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Path not found", detail: read.Message),
            RepositoryReadFailure.TooLarge => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "File too large", detail: read.Message),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Wrong kind of path", detail: read.Message),
        },
        _ => null,
    };
}
