using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Bench;

/// <summary>
/// Tasks through a 6-hop pipeline of no-op agents over the real machinery: PostgreSQL outbox and inbox, the
/// outbox dispatcher, RabbitMQ with confirms, the agent runner. A hop is measured from the moment the previous
/// step finished (or the task was created) to the moment this step finished, so it includes the commit, the
/// dispatch, the broker, the inbox claim and the task's state change. The agents emit what the real ones emit
/// on the happy path (passing tests, an approval), so the events are routed as in the real pipeline. A run
/// that does not finish by its deadline fails with the tasks that did not complete and where they stand.
/// </summary>
public sealed class PipelineBenchmark
{
    static readonly IReadOnlyList<PipelineStage> Steps = PipelineStages.All;

    readonly ConcurrentDictionary<Guid, long[]> stepTimes = new();
    readonly ConcurrentDictionary<Guid, TaskCompletionSource> done = new();

    public sealed record Result(List<double> HopLatencies, double HopsPerSecond, int Tasks, TimeSpan Elapsed);

    public async Task<IHost> StartHostAsync(string connectionString, Uri amqp)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalyst:Mode"] = "Distributed",
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["ConnectionStrings:messaging"] = amqp.ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCatalystPersistence();
        builder.AddCatalystMessaging(MessagingRole.Worker);
        foreach (var stage in Steps) builder.Services.AddSingleton<IAgent>(new NoOpAgent(stage, this));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The time a run of <paramref name="tasks"/> may take before it is declared stuck.</summary>
    public static TimeSpan DeadlineFor(int tasks) => TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(200) * tasks;

    public async Task<Result> RunAsync(IHost host, int tasks, int concurrency)
    {
        var latencies = new ConcurrentBag<double>();
        var submitted = new ConcurrentBag<Guid>();
        var deadline = DeadlineFor(tasks);
        using var timeout = new CancellationTokenSource(deadline);
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, tasks).Select(async i =>
            {
                await gate.WaitAsync(timeout.Token);
                try
                {
                    var (id, created) = await SubmitAsync(host, $"bench task {i}");
                    submitted.Add(id);
                    await done[id].Task.WaitAsync(timeout.Token);
                    var times = stepTimes[id];
                    var previous = created;
                    foreach (var t in times) { latencies.Add(Stopwatch.GetElapsedTime(previous, t).TotalMilliseconds); previous = t; }
                }
                finally { gate.Release(); }
            }));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var stuck = submitted.Where(id => !done[id].Task.IsCompleted).ToList();
            throw new BenchmarkStalledException(
                $"{stuck.Count} of {tasks} tasks did not complete within {deadline.TotalSeconds:0} s " +
                $"({submitted.Count} submitted, {concurrency} in flight): {await DescribeAsync(host, stuck)}");
        }
        clock.Stop();
        return new Result([.. latencies], tasks * Steps.Count / clock.Elapsed.TotalSeconds, tasks, clock.Elapsed);
    }

    /// <summary>Where the stuck tasks stand, from the database: status, phase and failure, at most 10 listed.</summary>
    static async Task<string> DescribeAsync(IHost host, IReadOnlyList<Guid> ids)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var rows = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Status, t.CurrentPhase, t.FailureReason }).ToListAsync();
        var byState = rows.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}");
        var listed = rows.Take(10).Select(r =>
            $"\n  {r.Id} status={r.Status} phase={r.CurrentPhase ?? "-"}{(r.FailureReason is null ? "" : $" failure={r.FailureReason}")}");
        return string.Join(", ", byState) + string.Concat(listed) + (rows.Count > 10 ? $"\n  ... and {rows.Count - 10} more" : "");
    }

    async Task<(Guid Id, long CreatedAt)> SubmitAsync(IHost host, string prompt)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var tasks = new TaskRepository(db, new Core.Projects.ProjectRepository(db, TimeProvider.System), TimeProvider.System);
        var created = await tasks.CreateAsync(prompt, "bench", CancellationToken.None);
        var at = Stopwatch.GetTimestamp();
        stepTimes[created.TaskId] = new long[Steps.Count];
        done[created.TaskId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<OutboxSignal>().Notify();
        return (created.TaskId, at);
    }

    sealed class NoOpAgent(PipelineStage step, PipelineBenchmark bench) : IAgent
    {
        readonly int index = Steps.ToList().IndexOf(step);
        public string Name => step.Agent;
        public IReadOnlyList<string> Consumes { get; } = [step.Consumes];
        public TaskState? Phase => step.Phase;

        public Task HandleAsync(AgentContext context, AgentEvent agentEvent, CancellationToken ct)
        {
            context.Emit(step.Emits, Payload(step.Emits));
            if (step.Emits == EventTypes.DeployComplete) context.CompleteTask();
            // Recorded when the handler returns; the runner commits right after. Good enough at ms resolution.
            bench.stepTimes[agentEvent.TaskId][index] = Stopwatch.GetTimestamp();
            if (step.Emits == EventTypes.DeployComplete) _ = Task.Run(async () => { await Task.Delay(1, ct); bench.done[agentEvent.TaskId].TrySetResult(); }, ct);
            return Task.CompletedTask;
        }

        // EventTopology.IsFor routes results and reviews by what they say: only these reach the next step.
        static JsonObject Payload(string eventType) => eventType switch
        {
            EventTypes.TestResults => new() { ["passed"] = true },
            EventTypes.ReviewDecision => new() { ["decision"] = ReviewDecisions.Approved },
            _ => [],
        };
    }
}

public sealed class BenchmarkStalledException(string message) : Exception(message);
