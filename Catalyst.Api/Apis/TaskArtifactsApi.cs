using Catalyst.Core.Artifacts;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;

namespace Catalyst.Api.Apis;

/// <summary>
/// What the agents wrote for a task (test reports, the review, deployment records, screenshots), read over
/// HTTP. Without a path, the list of files; with one, the file, confined to the task's artifact folder.
/// </summary>
public static class TaskArtifactsApi
{
    public sealed record ArtifactView(string Path, long Size, string ContentType, DateTimeOffset Modified, string Url);

    public sealed record ArtifactListing(Guid TaskId, ArtifactView[] Files);

    static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static RouteGroupBuilder MapTaskArtifactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks/{id:guid}/artifacts").WithTags("Tasks");
        api.MapGet("/", ListArtifacts).WithSummary("The task's artifact files: test results, review, deployment records, screenshots.");
        api.MapGet("/{*path}", GetArtifact).WithSummary("One artifact file, with the content type its extension gives.");
        return api;
    }

    static async Task<Results<Ok<ArtifactListing>, ProblemHttpResult>> ListArtifacts(
        Guid id, TaskRepository tasks, TaskArtifacts artifacts, CancellationToken ct)
    {
        if (await tasks.GetAsync(id, ct) is null) return TasksApi.TaskNotFound(id);
        var files = artifacts.List(id)
            .Select(f => new ArtifactView(f.Path, f.Size, ContentTypeOf(f.Path), f.Modified, $"/api/tasks/{id}/artifacts/{Uri.EscapeDataString(f.Path).Replace("%2F", "/", StringComparison.Ordinal)}"))
            .ToArray();
        return TypedResults.Ok(new ArtifactListing(id, files));
    }

    static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetArtifact(
        Guid id, string path, TaskRepository tasks, TaskArtifacts artifacts, HttpResponse response, CancellationToken ct)
    {
        // An encoded slash (%2F) reaches the route still encoded: decoded here so that it is checked like any other.
        var relative = Uri.UnescapeDataString(path);
        try
        {
            if (await tasks.GetAsync(id, ct) is null) return TasksApi.TaskNotFound(id);
            if (artifacts.Find(id, relative) is not { } file)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Artifact not found",
                    detail: $"Task {id} has no artifact '{relative}': GET /api/tasks/{id}/artifacts lists the ones it has.");
            response.Headers.XContentTypeOptions = "nosniff";
            // An HTML report must not run scripts with the Api's origin.
            response.Headers.ContentSecurityPolicy = "sandbox";
            return TypedResults.PhysicalFile(file.FullName, ContentTypeOf(file.Name), enableRangeProcessing: true, lastModified: file.LastWriteTimeUtc);
        }
        catch (ArtifactPathException refused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid artifact path", detail: refused.Message);
        }
    }

    static string ContentTypeOf(string path) => ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";

    /// <summary>The standard table, and the formats the agents write that it does not know.</summary>
    static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".log"] = "text/plain";
        provider.Mappings[".trx"] = "application/xml";
        provider.Mappings[".yaml"] = "application/yaml";
        provider.Mappings[".yml"] = "application/yaml";
        provider.Mappings[".md"] = "text/markdown";
        return provider;
    }
}
