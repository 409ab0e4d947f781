using System.Text;
using Catalyst.Agents.Reviewer.Analysis;
using Catalyst.Core.Agents;
using Catalyst.Core.Llm;

namespace Catalyst.Agents.Reviewer;

/// <summary>
/// The "AI review" of spec 4.5, step 5, when a model is configured: the model reads the request, the static
/// analysis and the app's code, and adds what rules cannot see. It is a section beside the analysis, never in
/// place of it: the decision, the score and the blocking findings stay the analysis's alone.
/// </summary>
public sealed class AiReview(AgentModels models)
{
    public const string File = "ai-review.md";

    // Enough of the app for a model's context window; the model files and endpoints come first.
    const int MaxSourceChars = 60_000;

    public async Task<string?> WriteAsync(AgentContext context, ReviewResult review, SourceTree tree, string folder, CancellationToken ct)
    {
        if (await models.AskAsync(context, Instructions, Material(context.Task.UserPrompt, review, tree), "the AI review", "The static review stands alone", ct)
            is not { } answer) return null;
        var document = $"# AI review\n\nBy {answer.Model}. Advice only: the decision ({review.Decision}, {review.OverallScore}/100) and its blocking findings " +
            $"come from the static analysis.\n\n{answer.Text}\n";
        await System.IO.File.WriteAllTextAsync(Path.Combine(folder, File), document, ct);
        await System.IO.File.AppendAllTextAsync(Path.Combine(folder, ReviewReport.SummaryFile), "\n" + document.Replace("# AI review", "## AI review"), ct);
        context.Progress($"🧠 AI review by {answer.Model} added to the report");
        return document;
    }

    const string Instructions = """
        You review a small generated web application. A static analysis has already scored it; its findings are
        authoritative and you must not contradict or soften its blocking ones. Add what rules cannot judge: does the
        app do what the request asked, are the names and the user interface sensible, is anything missing or
        surprising, and what would you change first. Answer in Markdown, at most ten short bullet points, each
        naming a file where it applies. Do not repeat the static findings.
        """;

    static string Material(string request, ReviewResult review, SourceTree tree)
    {
        var text = new StringBuilder()
            .AppendLine($"Request: {request}")
            .AppendLine($"Static analysis: {review.Decision}, {review.OverallScore}/100, {review.BlockingIssues} blocking issue(s).");
        foreach (var issue in review.Issues.Where(i => i.Severity > Severity.Info).Take(20))
            text.AppendLine($"- {issue.Severity}: {issue.Message}{(issue.File is null ? "" : $" ({issue.File})")}");
        text.AppendLine().AppendLine("Code:");
        foreach (var file in tree.Code.Where(f => !f.IsTest).OrderBy(f => f.Path.Contains("Model", StringComparison.OrdinalIgnoreCase) || f.Path.Contains("Endpoint", StringComparison.OrdinalIgnoreCase) ? 0 : 1))
        {
            if (text.Length + file.Content.Length > MaxSourceChars) continue;
            text.AppendLine($"--- {file.Path}").AppendLine(file.Content);
        }
        return text.ToString();
    }
}
