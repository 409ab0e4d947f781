using System.Text.Json.Nodes;
using Catalyst.Core.Persistence.Entities;

namespace Catalyst.Core.Tasks;

/// <summary>
/// Named values an agent keeps on the task row (tasks.metadata, jsonb) for the API to show: the understood
/// spec while it waits for approval, and what the task could not build.
/// </summary>
public static class TaskMetadata
{
    public const string UnderstoodSpec = "understood_spec";
    public const string Limitations = "limitations";

    /// <summary>For a follow-up: the app it changes (task, branch, commit) and the changes, kept until the plan is written.</summary>
    public const string FollowUp = "follow_up";

    /// <summary>What the finished task produced: preview URLs, test totals, review score (the Deployer sets it).</summary>
    public const string Result = "result";

    /// <summary>Where the task's branch went on GitHub: repository, pull request number and URL (or why the push failed).</summary>
    public const string GitHub = "github";

    public static JsonNode? Get(TaskEntity task, string key) =>
        task.Metadata is { Length: > 0 } json && JsonNode.Parse(json) is JsonObject values ? values[key]?.DeepClone() : null;

    public static void Set(TaskEntity task, string key, JsonNode? value)
    {
        var values = task.Metadata is { Length: > 0 } json && JsonNode.Parse(json) is JsonObject existing ? existing : [];
        values[key] = value;
        task.Metadata = values.ToJsonString();
    }

    public static IReadOnlyList<string> Strings(TaskEntity task, string key) =>
        Get(task, key) is JsonArray items ? [.. items.Select(i => (string?)i).OfType<string>()] : [];
}
