using Catalyst.Core.Events;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Core.Messaging;

/// <summary>
/// Says so in the task's log when an event waits for an agent that is not running (or not built yet): the
/// task stays where it is instead of anything pretending to do that agent's work.
/// </summary>
public sealed class MissingAgentReporter(IServiceScopeFactory scopes, TimeProvider time, ILogger<MissingAgentReporter> logger)
{
    public async Task ReportAsync(string agent, AgentEvent waiting, CancellationToken ct)
    {
        logger.LogWarning("No {Agent} agent is running; {EventType} for task {TaskId} waits in {Queue}",
            agent, waiting.EventType, waiting.TaskId, EventTopology.QueueFor(agent));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
            var status = await db.Tasks.Where(t => t.Id == waiting.TaskId).Select(t => t.Status).FirstOrDefaultAsync(ct);
            if (status is null) return;
            db.AgentLogs.Add(new AgentLogEntity
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                TaskId = waiting.TaskId,
                TraceId = waiting.TraceId,
                AgentName = agent,
                Level = "warning",
                Message = $"The {agent} agent is not installed yet, so {waiting.EventType} waits for it and the task stays '{status}'.",
                Timestamp = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not record the missing {Agent} agent in the task log", agent);
        }
    }
}
