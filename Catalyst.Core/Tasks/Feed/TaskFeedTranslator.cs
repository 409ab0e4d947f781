using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Messaging;

namespace Catalyst.Core.Tasks.Feed;

/// <summary>
/// Turns one recorded event into the feed messages it stands for. Deterministic and stateless: the same event
/// always gives the same messages in the same order, which is what lets a position name one of them.
/// </summary>
public static class TaskFeedTranslator
{
    static readonly IReadOnlyList<PipelineStage> Stages = PipelineStages.All;

    public static IEnumerable<TaskFeedMessage> Translate(AgentEvent e, long row)
    {
        var part = 0;
        TaskFeedMessage Message(string type, JsonObject data)
        {
            var message = new JsonObject { ["type"] = type, ["task_id"] = e.TaskId };
            foreach (var (key, value) in data) message[key] = value?.DeepClone();
            return new(new TaskFeedPosition(row, part++), type, message);
        }

        yield return Message(TaskFeedMessage.AgentEvent, JsonSerializer.SerializeToNode(e, EventSerializer.Options)!.AsObject());

        switch (e.EventType)
        {
            case EventTypes.TaskProgress:
                yield return Message(TaskFeedMessage.AgentLog, Log(e, (string?)e.Payload["message"] ?? "", (string?)e.Payload["level"] ?? "info"));
                break;
            case EventTypes.TaskFailed:
                var reason = (string?)e.Payload["reason"] ?? "The task failed.";
                yield return Message(TaskFeedMessage.AgentLog, Log(e, reason, "error"));
                yield return Message(TaskFeedMessage.TaskComplete, new JsonObject { ["status"] = "failed", ["reason"] = reason });
                break;
            case EventTypes.TaskCancelled:
                yield return Message(TaskFeedMessage.TaskComplete, new JsonObject { ["status"] = "cancelled", ["reason"] = e.Payload["reason"]?.DeepClone() });
                break;
            case EventTypes.DeployComplete:
                yield return Message(TaskFeedMessage.Progress, Progress(e)!);
                var preview = (string?)e.Payload["preview_url"];
                if (preview is not null)
                    yield return Message(TaskFeedMessage.PreviewReady, new JsonObject { ["preview_url"] = preview, ["fallback_url"] = e.Payload["direct_url"]?.DeepClone() });
                yield return Message(TaskFeedMessage.TaskComplete, new JsonObject
                {
                    ["status"] = "completed",
                    ["artifacts"] = new JsonObject
                    {
                        ["code"] = new JsonObject { ["repo"] = e.Repo, ["branch"] = e.Branch, ["commit"] = e.Commit },
                        ["tests"] = $"/api/tasks/{e.TaskId}/artifacts/test-results/",
                        ["review"] = $"/api/tasks/{e.TaskId}/artifacts/review/",
                        ["deployment"] = $"/api/tasks/{e.TaskId}/artifacts/deployment/",
                        ["preview"] = preview,
                    },
                    ["tests"] = e.Payload["tests"]?.DeepClone(),
                    ["review"] = e.Payload["review"]?.DeepClone(),
                    ["limitations"] = e.Payload["limitations"]?.DeepClone(),
                });
                break;
            default:
                if (Progress(e) is { } progress) yield return Message(TaskFeedMessage.Progress, progress);
                break;
        }
    }

    static JsonObject Log(AgentEvent e, string message, string level) => new()
    {
        ["agent_name"] = e.Actor,
        ["message"] = message,
        ["level"] = level,
        ["timestamp"] = e.Timestamp,
    };

    /// <summary>The phase the event starts (the stage of the agent that acts on it next) and the share of stages done.</summary>
    static JsonObject? Progress(AgentEvent e)
    {
        var (phase, done) = PhaseAfter(e);
        if (phase is null) return null;
        var progress = new JsonObject { ["phase"] = phase, ["progress"] = Math.Round(done, 3) };
        if (e.Payload["files_created"] is { } files) progress["files_created"] = files.DeepClone();
        return progress;
    }

    /// <summary>
    /// Read from the event topology rather than restated: failing tests and a request for changes go back to
    /// the Coder, so a fix round sends the share done back down, as it really is.
    /// </summary>
    public static (string? Phase, double Done) PhaseAfter(AgentEvent e)
    {
        if (e.EventType == EventTypes.PlanAwaitingApproval) return (TaskState.AwaitingApproval.ToWireName(), 0);
        if (e.EventType == EventTypes.DeployComplete) return (TaskState.Completed.ToWireName(), 1);
        var next = EventTopology.AgentsFor(e)
            .Select(agent => Stages.Select((stage, index) => (stage, index)).FirstOrDefault(s => s.stage.Agent == agent))
            .FirstOrDefault(s => s.stage is not null);
        return next.stage is null ? (null, 0) : (next.stage.Phase.ToWireName(), (double)next.index / Stages.Count);
    }
}
