using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Worker.Scripted;

/// <summary>
/// A stand-in for one pipeline agent: it records its effect (one row in test_effects, inside the handler's
/// transaction, so a duplicate effect would show) and emits the next event. It does none of the real agent's work.
/// </summary>
public sealed class ScriptedAgent(PipelineStage stage, IOptions<ScriptOptions> options) : IAgent
{
    readonly string name = stage.Agent;
    readonly string emits = stage.Emits;

    public string Name => name;
    public IReadOnlyList<string> Consumes { get; } = [stage.Consumes];
    public TaskState? Phase => stage.Phase;

    public async Task HandleAsync(AgentContext context, AgentEvent agentEvent, CancellationToken ct)
    {
        var script = options.Value;
        if (script.MarkerDirectory is not null)
            await File.WriteAllTextAsync(Path.Combine(script.MarkerDirectory, $"{name}-{agentEvent.TaskId}-{Environment.ProcessId}.started"), "", ct);
        if (script.FailingAgent == name && script.FailWhileFileExists is { } flag && File.Exists(flag))
            throw new InvalidOperationException($"{name} is scripted to fail while {Path.GetFileName(flag)} exists");
        if (script.HopDelay > TimeSpan.Zero) await Task.Delay(script.HopDelay, ct);
        if (script.SlowAgent == name && ClaimSlowStep(script, agentEvent.TaskId)) await Task.Delay(script.SlowDelay, ct);

        context.Enlist((db, token) => db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO test_effects (task_id, agent, event_id, process_id) VALUES ({agentEvent.TaskId}, {name}, {agentEvent.EventId}, {Environment.ProcessId})", token));
        context.Log($"{name} handled {agentEvent.EventType}");

        context.Emit(emits, Payload(emits));
        if (emits == EventTypes.DeployComplete) context.CompleteTask();
    }

    /// <summary>Only the first step of the slow agent in a run is slow: the one a test kills or cancels.</summary>
    bool ClaimSlowStep(ScriptOptions script, Guid taskId)
    {
        if (script.MarkerDirectory is null) return true;
        try
        {
            using (var claim = new FileStream(Path.Combine(script.MarkerDirectory, $"{name}.slow.tmp-{Environment.ProcessId}"), FileMode.CreateNew))
                claim.Write(System.Text.Encoding.UTF8.GetBytes($"{taskId} {Environment.ProcessId}"));
            // Renaming without overwrite is atomic: exactly one step in the run wins.
            File.Move(Path.Combine(script.MarkerDirectory, $"{name}.slow.tmp-{Environment.ProcessId}"), Path.Combine(script.MarkerDirectory, $"{name}.slow"), overwrite: false);
            return true;
        }
        catch (IOException) { return false; }
    }

    static JsonObject Payload(string eventType) => eventType switch
    {
        EventTypes.TestResults => new() { ["passed"] = true },
        EventTypes.ReviewDecision => new() { ["decision"] = ReviewDecisions.Approved },
        _ => [],
    };
}
