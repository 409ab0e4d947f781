using Catalyst.Core.Agents;
using Catalyst.Core.Security;
using Microsoft.Extensions.AI;

namespace Catalyst.Core.Llm;

/// <summary>
/// Words from the step's agent's model for its task: design notes, a review. Prose only adds to what the agent
/// makes without a model, so every way of not getting it (no model, the budget spent, a failure, an empty answer)
/// is the same null, with a warning in the task's log saying what stands instead. Secrets are masked both ways.
/// </summary>
public static class AgentProse
{
    public sealed record Answer(string Text, string Model);

    /// <param name="purpose">What is written, for the log ("the design notes").</param>
    /// <param name="fallback">What stands without it ("the generated design documents stand alone").</param>
    public static async Task<Answer?> AskAsync(this AgentModels models, AgentContext context, string instructions, string material,
        string purpose, string fallback, CancellationToken ct)
    {
        // The task row is this step's to write: the running total goes into it and commits with the step.
        if (models.For(context.AgentName, context.Task.Id, spent => context.Task.CostTotal = spent) is not { } client) return null;
        var model = models.ModelFor(context.AgentName)!;
        context.Progress($"🧠 Writing {purpose} with the model {model}...");
        string text;
        try
        {
            text = (await client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, instructions),
                new ChatMessage(ChatRole.User, SecretRedactor.Redact(material)),
            ], new ChatOptions { Temperature = 0 }, ct)).Text.Trim();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            context.Progress($"⚠️ No {purpose}: {(e is LlmBudgetExceededException ? e.Message : SecretRedactor.Redact(e.Message))} {fallback}.", "warning");
            return null;
        }
        if (text.Length == 0)
        {
            context.Progress($"⚠️ No {purpose}: the model answered nothing. {fallback}.", "warning");
            return null;
        }
        return new Answer(SecretRedactor.Redact(text), model);
    }
}
