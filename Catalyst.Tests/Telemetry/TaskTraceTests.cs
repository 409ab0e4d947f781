using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Catalyst.Core.Tasks;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;
using OpenTelemetry.Trace;

namespace Catalyst.Tests.Telemetry;

/// <summary>
/// The shape the Aspire dashboard shows for a task, read from the host's own OpenTelemetry pipeline through the
/// in-memory exporter: one trace rooted at POST /api/tasks, a publish span before every agent step, and every
/// step a child carrying the task, the agent and the fix round.
/// </summary>
public sealed class TaskTraceTests(PostgresServerFixture postgres)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_task_is_one_trace_from_the_request_through_every_agent_step()
    {
        using var work = new TestDirectory("trace");
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var database = new PipelineDatabase(connectionString);
        await database.CreateEffectsTableAsync();
        var exported = new ExportedSpans();
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["PipelineTest:MarkerDirectory"] = work.Path,
        }, PipelineAgents.Scripted, services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported)));

        var taskId = await api.SubmitAsync("build a todo app");
        await database.WaitForCompletionAsync([taskId], Patience);
        var spans = await WaitForAgentSpansAsync(exported, taskId, PipelineDatabase.PipelineAgents.Length);

        var root = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.ParentSpanId == default);
        Assert.Equal("POST", root.GetTagItem("http.request.method"));
        Assert.Equal("api/tasks", (root.GetTagItem("http.route") as string)?.Trim('/'));
        Assert.All(spans, s => Assert.Equal(root.TraceId, s.TraceId));

        var byId = spans.ToDictionary(s => s.SpanId);
        var steps = spans.Where(s => s.Source.Name == "Catalyst.Agents").ToList();
        Assert.Equal(PipelineDatabase.PipelineAgents.Order(), steps.Select(s => (string)s.GetTagItem("catalyst.agent")!).Order());
        foreach (var step in steps)
        {
            Assert.Equal(ActivityKind.Consumer, step.Kind);
            Assert.Equal(taskId.ToString(), step.GetTagItem("catalyst.task_id")?.ToString());
            Assert.Equal(0, step.GetTagItem("catalyst.fix_round"));
            // Every step hangs off the publish of the event it consumed, and the chain climbs to the request.
            var parent = byId[step.ParentSpanId];
            Assert.Equal(ActivityKind.Producer, parent.Kind);
            Assert.Equal($"publish {step.GetTagItem("catalyst.event_type")}", parent.DisplayName);
            Assert.Same(root, RootOf(step, byId));
        }
    }

    [Fact]
    public async Task Finished_tasks_step_durations_and_queue_depths_are_measured()
    {
        using var work = new TestDirectory("metrics");
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var database = new PipelineDatabase(connectionString);
        await database.CreateEffectsTableAsync();
        using var meters = new RecordingMeterListener(TaskMetrics.MeterName, "Catalyst.Messaging");
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["PipelineTest:MarkerDirectory"] = work.Path,
            ["Catalyst:Messaging:QueueDepthInterval"] = "00:00:00.200",
        }, PipelineAgents.Scripted);

        var taskId = await api.SubmitAsync("build a todo app");
        await database.WaitForCompletionAsync([taskId], Patience);
        // the queue depth is sampled every 200 ms: wait for a sample of the planner's queue, however loaded the machine
        var sampled = Stopwatch.StartNew();
        do
        {
            meters.RecordObservables();
            if (meters.Taken("catalyst.messaging.queue.depth").Any(m => m.Tags["queue"] as string == "planner-queue")) break;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        while (sampled.Elapsed < Patience);

        Assert.Contains(meters.Taken("catalyst.tasks.finished"), m => m.Tags["outcome"] as string == "completed" && m.Value >= 1);
        Assert.Contains(meters.Taken("catalyst.tasks.duration"), m => m.Tags["outcome"] as string == "completed" && m.Value > 0);
        foreach (var agent in PipelineDatabase.PipelineAgents)
            Assert.Contains(meters.Taken("catalyst.agents.handle.duration"), m => m.Tags["agent"] as string == agent);
        Assert.Contains(meters.Taken("catalyst.messaging.queue.depth"), m => m.Tags["queue"] as string == "planner-queue");
    }

    static Activity RootOf(Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        while (span.ParentSpanId != default) span = byId[span.ParentSpanId];
        return span;
    }

    /// <summary>The task's trace, once every agent step has ended (a step ends just after it commits its event).</summary>
    static async Task<List<Activity>> WaitForAgentSpansAsync(ExportedSpans exported, Guid taskId, int steps)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var snapshot = exported.Snapshot();
            var step = snapshot.FirstOrDefault(s => s.GetTagItem("catalyst.task_id")?.ToString() == taskId.ToString());
            if (step is not null)
            {
                var trace = snapshot.Where(s => s.TraceId == step.TraceId).ToList();
                if (trace.Count(s => s.Source.Name == "Catalyst.Agents") >= steps) return trace;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The trace of task {taskId} did not show {steps} agent steps.");
            await Task.Delay(100);
        }
    }
}

/// <summary>What the in-memory exporter collects, safe to read while spans from other threads still arrive.</summary>
sealed class ExportedSpans : System.Collections.ObjectModel.Collection<Activity>
{
    protected override void InsertItem(int index, Activity item)
    {
        lock (Items) base.InsertItem(index, item);
    }

    public List<Activity> Snapshot()
    {
        lock (Items) return [.. Items];
    }
}

/// <summary>Records the measurements of the named meters (process-wide: other tests' values show up too).</summary>
sealed class RecordingMeterListener : IDisposable
{
    public sealed record Measurement(double Value, Dictionary<string, object?> Tags);

    readonly MeterListener listener = new();
    readonly ConcurrentDictionary<string, ConcurrentBag<Measurement>> taken = new();

    public RecordingMeterListener(params string[] meters)
    {
        listener.InstrumentPublished = (instrument, l) => { if (meters.Contains(instrument.Meter.Name)) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        taken.GetOrAdd(instrument.Name, _ => []).Add(new(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public void RecordObservables() => listener.RecordObservableInstruments();

    public IReadOnlyCollection<Measurement> Taken(string instrument) => taken.TryGetValue(instrument, out var bag) ? bag : [];

    public void Dispose() => listener.Dispose();
}
