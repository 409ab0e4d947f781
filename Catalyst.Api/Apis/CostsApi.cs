using Catalyst.Core.Llm;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Catalyst.Api.Apis;

public static class CostsApi
{
    public static RouteGroupBuilder MapCostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/costs").WithTags("Costs");
        api.MapGet("/", GetCosts)
            .WithSummary("Model calls and what they cost: in all, per task, agent, model and day (UTC), and the latest calls. Empty while no model is configured.");
        return api;
    }

    static async Task<Results<Ok<CostReport>, ValidationProblem>> GetCosts(
        LlmCostQueries costs, CancellationToken ct,
        [FromQuery(Name = "task_id")] Guid? taskId = null, [FromQuery] DateOnly? from = null, [FromQuery] DateOnly? to = null)
    {
        if (from > to)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["'from' must not be after 'to'."] },
                detail: $"The range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is empty: 'from' must not be after 'to'.");
        return TypedResults.Ok(await costs.ReportAsync(taskId, from, to, ct));
    }
}
