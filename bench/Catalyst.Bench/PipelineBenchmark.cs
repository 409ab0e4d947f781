using System.Collections.Concurrent;
using System.Diagnostics;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;
using Catalyst.Core.Messaging.Outbox;
using Catalyst.Core.Persistence;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Bench;

/// <summary>
/// Tasks through a 6-hop pipeline of no-op agents over the real machinery: PostgreSQL outbox and inbox, the
/// outbox dispatcher, RabbitMQ with confirms, the agent runner. A hop is measured from the moment the previous
/// step finished (or the task was created) to the moment this step finished, so it includes the commit, the
/// dispatch, the broker, the inbox claim and the task's state change.
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

    public async Task<Result> RunAsync(IHost host, int tasks, int concurrency)
    {
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (id, created) = await SubmitAsync(host, $"bench task {i}");
                await done[id].Task.WaitAsync(TimeSpan.FromMinutes(2));
                var times = stepTimes[id];
                var previous = created;
                foreach (var t in times) { latencies.Add(Stopwatch.GetElapsedTime(previous, t).TotalMilliseconds); previous = t; }
            }
            finally { gate.Release(); }
        }));
        clock.Stop();
        return new Result([.. latencies], tasks * Steps.Count / clock.Elapsed.TotalSeconds, tasks, clock.Elapsed);
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
            context.Emit(step.Emits, []);
            if (step.Emits == EventTypes.DeployComplete) context.CompleteTask();
            // Recorded when the handler returns; the runner commits right after. Good enough at ms resolution.
            bench.stepTimes[agentEvent.TaskId][index] = Stopwatch.GetTimestamp();
            if (step.Emits == EventTypes.DeployComplete) _ = Task.Run(async () => { await Task.Delay(1, ct); bench.done[agentEvent.TaskId].TrySetResult(); }, ct);
            return Task.CompletedTask;
        }
    }
}
