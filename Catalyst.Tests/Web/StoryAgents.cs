using System.Text.Json.Nodes;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Tests.Web;

/// <summary>
/// Stand-ins for the six pipeline agents that tell the story a user watches in the chat: each writes the kind of
/// progress lines the real agent writes and passes the task on, and the deployer ends it with a preview, test
/// totals and a review score. Each step but the first waits <see cref="StepDelay"/> so a browser sees the build
/// in flight. The first step does not wait: Enter to first line measures Catalyst, not the script.
/// </summary>
public sealed class StoryAgent(PipelineStage stage, TimeSpan stepDelay) : IAgent
{
    /// <summary>A name that never resolves (RFC 2606): the story deploys nothing.</summary>
    public const string PreviewUrl = "http://todo-app.preview.invalid/";
    public const int TestsTotal = 14, TestsPassed = 14, ReviewScore = 87, ReviewIssues = 2;
    public const double Coverage = 0.82;

    public string Name => stage.Agent;
    public IReadOnlyList<string> Consumes { get; } = [stage.Consumes];
    public TaskState? Phase => stage.Phase;

    public async Task HandleAsync(AgentContext context, AgentEvent agentEvent, CancellationToken ct)
    {
        if (stage.Agent != Actors.Planner) await Task.Delay(stepDelay, ct);
        foreach (var line in Lines(stage.Agent)) context.Progress(line);
        // As the real Planner does: what the offline generator cannot build is read from the request and kept on the task.
        if (stage.Agent == Actors.Planner && new Catalyst.Agents.Understanding.RequestParser().Parse(context.Task.UserPrompt).Limitations is { Count: > 0 } limitations)
        {
            foreach (var limitation in limitations) context.Progress($"⚠️ {limitation}", "warning");
            TaskMetadata.Set(context.Task, TaskMetadata.Limitations, new JsonArray([.. limitations.Select(l => (JsonNode)l)]));
        }
        var branch = $"feature/task-{agentEvent.TaskId}";
        switch (stage.Emits)
        {
            case EventTypes.CodePrOpened:
                context.Emit(stage.Emits, new JsonObject { ["files_created"] = 3, ["lines_of_code"] = 240 }, branch: branch, commit: "0123456789abcdef");
                break;
            case EventTypes.TestResults:
                context.Emit(stage.Emits, new JsonObject { ["passed"] = true });
                break;
            case EventTypes.ReviewDecision:
                context.Emit(stage.Emits, new JsonObject { ["decision"] = ReviewDecisions.Approved, ["score"] = ReviewScore, ["issues"] = ReviewIssues });
                break;
            case EventTypes.DeployComplete:
                context.Emit(stage.Emits, new JsonObject
                {
                    ["preview_url"] = PreviewUrl,
                    ["tests"] = new JsonObject { ["total"] = TestsTotal, ["passed"] = TestsPassed, ["failed"] = 0, ["coverage"] = Coverage },
                    ["review"] = new JsonObject { ["score"] = ReviewScore, ["issues"] = ReviewIssues },
                    ["limitations"] = new JsonArray([.. TaskMetadata.Strings(context.Task, TaskMetadata.Limitations).Select(l => (JsonNode)l)]),
                });
                context.CompleteTask(PreviewUrl);
                break;
            default:
                context.Emit(stage.Emits, []);
                break;
        }
    }

    static string[] Lines(string agent) => agent switch
    {
        Actors.Planner => ["Analyzing your requirements...", "📋 Plan: a todo app with accounts, 3 features, 7 tasks"],
        Actors.Architect => ["Designing the architecture...", "🏗️ ASP.NET Core API with a single-page front end, 2 entities"],
        Actors.Coder => ["📝 Creating src/Models/Todo.cs", "📝 Creating src/Api/TodoEndpoints.cs", "📝 Creating tests/TodoTests.cs"],
        Actors.Tester => ["🧪 Running the tests...", $"✅ {TestsPassed}/{TestsTotal} passed, coverage {Coverage:P0}"],
        Actors.Reviewer => ["🔍 Reviewing 12 files...", $"⭐ Score {ReviewScore}/100, {ReviewIssues} issues"],
        _ => ["🚀 Starting the preview...", "🎉 Your app is live!"],
    };

    public static IServiceCollection AddStoryAgents(IServiceCollection services, TimeSpan stepDelay)
    {
        foreach (var stage in PipelineStages.All) services.AddSingleton<IAgent>(new StoryAgent(stage, stepDelay));
        return services;
    }
}
