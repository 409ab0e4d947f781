using Catalyst.Core.Llm;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Tests.Persistence;

public sealed class LlmCostQueriesTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_totals_calls_per_task_agent_model_and_UTC_day_in_the_database()
    {
        await using var db = TestDb.Context(await postgres.CreateMigratedDatabaseAsync());
        var task = Guid.CreateVersion7();
        // Either side of midnight UTC: the server's own time zone must not move a call to another day.
        var justAfterMidnight = new DateTimeOffset(2026, 11, 25, 0, 0, 1, TimeSpan.Zero);
        var noon = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        LlmCallEntity Call(Guid? taskId, string agent, string model, int prompt, int completion, decimal cost, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(), TaskId = taskId, Agent = agent, Provider = "openai", Model = model, PromptTokens = prompt,
            CompletionTokens = completion, Cost = cost, LatencyMs = 10, Succeeded = true, CreatedAt = at,
        };
        db.LlmCalls.AddRange(
            Call(task, "planner", "small", 100, 10, 0.01m, justAfterMidnight),
            Call(task, "reviewer", "large", 300, 30, 0.05m, noon),
            Call(null, "chat", "small", 50, 5, 0.002m, justAfterMidnight.AddSeconds(-2)));
        await db.SaveChangesAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("SET TIME ZONE 'Pacific/Kiritimati'", Ct);

        var report = await new LlmCostQueries(db, modelConfigured: true).ReportAsync(null, null, null, Ct);

        Assert.Equal((3, 450L, 45L, 0.062m), (report.Calls, report.PromptTokens, report.CompletionTokens, report.Cost));
        Assert.Equal([("2026-11-24", 1, 0.002m), ("2026-11-25", 2, 0.06m)], report.ByDay.Select(d => (d.Key, d.Calls, d.Cost)));
        Assert.Equal([(task.ToString(), 2), ("none", 1)], report.ByTask.Select(t => (t.Key, t.Calls)));
        Assert.Equal([("large", 300L), ("small", 150L)], report.ByModel.Select(m => (m.Key, m.PromptTokens)));
        Assert.Equal(["reviewer", "planner", "chat"], report.ByAgent.Select(a => a.Key));
        Assert.Equal(noon, report.LatestCalls[0].CreatedAt);

        var oneTask = await new LlmCostQueries(db, modelConfigured: true).ReportAsync(task, new DateOnly(2026, 11, 25), null, Ct);
        Assert.Equal((2, 0.06m), (oneTask.Calls, oneTask.Cost));
    }
}
