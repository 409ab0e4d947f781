using System.Text;
using Catalyst.Core.Llm;
using Catalyst.Core.Security;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Catalyst.Api.Chat;

/// <summary>
/// A question about a task answered by the model, when one is configured, from the task's state and log only.
/// The rule-based answer is both one of its facts and the fallback when the model cannot answer. Calls are the
/// chat's own (agent "chat", no task): a task's cost is what its agents spent building it.
/// </summary>
public sealed class ModelAnswers(AgentModels models, TaskLogQueries logs)
{
    public const string Agent = "chat";
    const int LogLines = 40;

    public async Task<string> AnswerAsync(string question, TaskView task, string ruleAnswer, CancellationToken ct)
    {
        if (models.For(Agent, taskId: null) is not { } client) return ruleAnswer;
        try
        {
            var answer = (await client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, Instructions),
                new ChatMessage(ChatRole.User, SecretRedactor.Redact(await FactsAsync(question, task, ruleAnswer, ct))),
            ], new ChatOptions { Temperature = 0 }, ct)).Text.Trim();
            return answer.Length > 0 ? SecretRedactor.Redact(answer) : ruleAnswer;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return ruleAnswer; // the metered client has recorded why; the user still gets an answer
        }
    }

    const string Instructions = """
        You are Catalyst's assistant. The user asks about one of their build tasks. Answer in at most four sentences,
        using only the facts given; say plainly when they do not tell. Name URLs and branches exactly as given.
        """;

    async Task<string> FactsAsync(string question, TaskView task, string ruleAnswer, CancellationToken ct)
    {
        var text = new StringBuilder()
            .AppendLine($"Question: {question}")
            .AppendLine($"Task {task.Id}: \"{task.Prompt}\", project {task.ProjectName}, status {task.Status}, phase {task.CurrentPhase}.")
            .AppendLine($"Branch: {task.BranchName ?? "none yet"}; preview: {task.PreviewUrl ?? "none"}; failure: {task.FailureReason ?? "none"}.")
            .AppendLine($"What Catalyst's rules would answer: {ruleAnswer}")
            .AppendLine("Latest log lines:");
        foreach (var line in (await logs.ForTaskAsync(task.Id, ct)).TakeLast(LogLines))
            text.AppendLine($"[{line.Agent}] {line.Level}: {line.Message}");
        return text.ToString();
    }
}
