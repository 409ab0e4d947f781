using Catalyst.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Catalyst.Core.Tasks;

public sealed record TaskLogLine(DateTimeOffset Timestamp, string Agent, string Level, string Message);

/// <summary>The progress lines agents (and the bus) wrote for a task, oldest first.</summary>
public sealed class TaskLogQueries(CatalystDbContext db)
{
    public async Task<IReadOnlyList<TaskLogLine>> ForTaskAsync(Guid taskId, CancellationToken ct) =>
        await db.AgentLogs.AsNoTracking()
            .Where(l => l.TaskId == taskId)
            .OrderBy(l => l.Timestamp).ThenBy(l => l.Id)
            .Select(l => new TaskLogLine(l.Timestamp, l.AgentName, l.Level, l.Message))
            .ToListAsync(ct);
}
