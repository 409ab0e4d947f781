using Catalyst.Agents.Deployer;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

/// <summary>Spec 11.1: the live previews, and deleting and restarting them.</summary>
public static class PreviewsApi
{
    public static RouteGroupBuilder MapPreviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/preview").WithTags("Previews");
        api.MapGet("/", ListPreviews).WithSummary("Previews that are deploying or running (all=true: every preview ever deployed).");
        api.MapGet("/{taskId:guid}", GetPreview).WithSummary("One task's preview: URLs, port, runtime, health, expiry.");
        api.MapDelete("/{taskId:guid}", DeletePreview).WithSummary("Stop the preview and remove its process or container, network, route and port lease.");
        api.MapPost("/{taskId:guid}/restart", RestartPreview).WithSummary("Start the preview again (after its process or container died, or to reset it).");
        return api;
    }

    static async Task<Ok<IReadOnlyList<PreviewView>>> ListPreviews(PreviewManager previews, CancellationToken ct, bool all = false) =>
        TypedResults.Ok<IReadOnlyList<PreviewView>>([.. (await previews.ListAsync(activeOnly: !all, ct)).Select(PreviewView.From)]);

    static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> GetPreview(Guid taskId, PreviewManager previews, CancellationToken ct) =>
        await previews.FindAsync(taskId, ct) is { } preview ? TypedResults.Ok(PreviewView.From(preview)) : NotFound(taskId);

    static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> DeletePreview(Guid taskId, PreviewManager previews, CancellationToken ct) =>
        await previews.DeleteAsync(taskId, ct) is { } preview ? TypedResults.Ok(PreviewView.From(preview)) : NotFound(taskId);

    static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> RestartPreview(Guid taskId, PreviewManager previews, CancellationToken ct)
    {
        try
        {
            return await previews.RestartAsync(taskId, ct) is { } preview ? TypedResults.Ok(PreviewView.From(preview)) : NotFound(taskId);
        }
        catch (PreviewConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Preview cannot be restarted", detail: e.Message);
        }
        catch (PreviewFailedException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Preview did not start", detail: e.Message);
        }
    }

    static ProblemHttpResult NotFound(Guid taskId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Preview not found",
            detail: $"Task {taskId} has no preview: it does not exist, or it was not deployed (yet).");
}
