using Catalyst.Agents.Explorer;
using Catalyst.Api.Explorer;
using Catalyst.Api.Security;
using Catalyst.Core.Explorer;
using Catalyst.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Catalyst.Api.Apis;

public static class ExplorerApi
{
    const string Svg = "image/svg+xml";

    public static RouteGroupBuilder MapExplorerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/explorer").WithTags("Explorer");
        api.MapPost("/scan", StartScan)
            .WithSummary("Scan a repository, deployment or database; answers with the scan, which runs in a task of its own.")
            .Accepts<ScanRequest>("application/json")
            .RequireRateLimiting(RequestLimits.Submissions);
        api.MapGet("/scans", ListScans).WithSummary("Scans, newest first.");
        api.MapGet("/scans/{id:guid}", GetScan).WithSummary("One scan: where it stands, and its findings once it completed.");
        api.MapGet("/scans/{id:guid}/graph", GetGraph)
            .WithSummary("A completed scan's dependency graph, as JSON or (Accept: image/svg+xml or ?format=svg) as SVG.")
            .Produces<ScanGraph>(StatusCodes.Status200OK, "application/json", Svg);
        return api;
    }

    static async Task<Results<Accepted<ScanCreated>, ValidationProblem, ProblemHttpResult>> StartScan(
        ScanRequest request, ScanSubmissions submissions, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, detail: TasksApi.Describe(errors));
        var prompt = request.BuildSimilar == true ? $"analyze {request.Target!.Trim()} and build something similar" : $"analyze {request.Target!.Trim()}";
        var (created, refusal) = await submissions.SubmitAsync(request, Core.Security.SecretRedactor.Redact(prompt), ct);
        if (refusal is not null) return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: refusal.Title, detail: refusal.Detail);
        return TypedResults.Accepted($"/api/explorer/scans/{created!.ScanId}", created);
    }

    static async Task<Results<Ok<PagedResult<ScanSummary>>, ValidationProblem>> ListScans(
        ExplorerScanRepository scans, CancellationToken ct, [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20)
    {
        var query = new TaskListQuery(page, pageSize);
        if (query.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, detail: TasksApi.Describe(errors));
        return TypedResults.Ok(await scans.ListAsync(query.Page, query.PageSize, ct));
    }

    static async Task<Results<Ok<ScanView>, ProblemHttpResult>> GetScan(Guid id, ExplorerScanRepository scans, CancellationToken ct) =>
        await scans.GetAsync(id, ct) is { } scan ? TypedResults.Ok(scan) : ScanNotFound(id);

    static async Task<Results<Ok<ScanGraph>, ContentHttpResult, ProblemHttpResult>> GetGraph(
        Guid id, HttpRequest http, ExplorerScanRepository scans, CancellationToken ct, [FromQuery] string? format = null)
    {
        var scan = await scans.GetAsync(id, ct);
        if (scan is null) return ScanNotFound(id);
        if (scan.Status != ScanStatus.Completed)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Scan not completed",
                detail: scan.Status == ScanStatus.Failed ? $"Scan {id} failed, so it has no graph: {scan.Error}" : $"Scan {id} is {scan.Status}; its graph exists once it completed.");
        if (format is not null and not ("json" or "svg"))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format", detail: $"format must be json or svg, not '{format}'.");
        var graph = DependencyGraph.FromJson(scan.Findings?["dependency_graph"]);
        var wantsSvg = format == "svg" || format is null && http.Headers.Accept.Any(a => a?.Contains(Svg, StringComparison.OrdinalIgnoreCase) == true);
        return wantsSvg
            ? TypedResults.Text(GraphSvg.Render(graph, $"Dependencies of {scan.Target}"), Svg)
            : TypedResults.Ok(new ScanGraph(id, graph.Nodes, graph.Edges));
    }

    internal static ProblemHttpResult ScanNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Scan not found", detail: $"There is no scan with id {id}.");
}
