using Catalyst.Core.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalyst.Api.Apis;

public static class ProjectsApi
{
    public sealed record ProjectView(Guid Id, string Name, string Slug, string? Description, string? Status, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projects").WithTags("Projects");
        api.MapGet("/", ListProjects).WithSummary("Every project, by name.");
        api.MapGet("/{id:guid}", GetProject).WithSummary("One project.");
        return api;
    }

    static async Task<Ok<ProjectView[]>> ListProjects(ProjectRepository projects, CancellationToken ct) =>
        TypedResults.Ok((await projects.ListAsync(ct)).Select(p => new ProjectView(p.Id, p.Name, p.Slug, p.Description, p.Status, p.CreatedAt)).ToArray());

    static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> GetProject(Guid id, ProjectRepository projects, CancellationToken ct) =>
        await projects.GetAsync(id, ct) is { } p
            ? TypedResults.Ok(new ProjectView(p.Id, p.Name, p.Slug, p.Description, p.Status, p.CreatedAt))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found", detail: $"There is no project with id {id}.");
}
