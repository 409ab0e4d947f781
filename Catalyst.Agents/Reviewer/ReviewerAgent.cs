using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Reviewer.Analysis;
using Catalyst.Core.Agents;
using Catalyst.Core.Configuration;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Tasks;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Reviewer;

/// <summary>
/// Judges the commit the Tester passed: Roslyn metrics, duplication, documentation, best practices, the
/// measured tests and coverage, the security findings, and the app against the understood request recorded in
/// the same commit (data-models.json or plan.yaml, and the OpenAPI contract), into a score and a decision. Below
/// the bar, or with a blocking issue, the task goes back to the Coder with the findings in review/.
/// </summary>
public sealed class ReviewerAgent(
    ProjectRepositories repositories, AiReview aiReview, IOptions<CatalystOptions> catalyst, IOptions<ReviewerOptions> options, TimeProvider time) : IAgent
{
    const long MaxFileBytes = 1_000_000;

    public string Name => Actors.Reviewer;
    public IReadOnlyList<string> Consumes { get; } = [EventTypes.TestResults];
    public TaskState? Phase => TaskState.Reviewing;

    public async Task HandleAsync(AgentContext context, AgentEvent results, CancellationToken ct)
    {
        var taskFolder = catalyst.Value.ArtifactsFor(context.Task.Id);
        context.Progress("🤖 Reviewer: Analyzing code quality...");
        var (tree, request) = await LoadAsync(results.Repo, results.Commit, ct);
        var summaryPath = Path.Combine(taskFolder, "test-results", "test-summary.json");
        var summary = File.Exists(summaryPath) ? JsonNode.Parse(await File.ReadAllTextAsync(summaryPath, ct)) as JsonObject : null;

        var review = CodeReview.Run(tree, summary, options.Value, request);
        var quality = review.Quality;
        var methods = quality.CSharp.Methods;
        context.Progress($"📄 Checked {tree.Code.Count()} code files ({quality.CSharp.Files.Count} C#, {quality.OtherFiles.Count} other)");
        if (methods.Count > 0)
            context.Progress($"📊 Code complexity: average {methods.Average(m => m.Complexity):0.0}, max {methods.Max(m => m.Complexity)} ({methods.MaxBy(m => m.Complexity)!.Name}); longest method {methods.Max(m => m.Lines)} lines");
        context.Progress($"📊 Duplication: {quality.Duplication.Percent}% ({quality.Duplication.Blocks.Count} duplicated block(s))");
        context.Progress($"✅ Code quality: {review.Breakdown[ReviewCategory.CodeQuality]}/100");
        context.Progress("🤖 Reviewer: Running security review...");
        var security = review.Issues.Where(i => i.Category == ReviewCategory.Security && i.Severity > Severity.Info).ToList();
        context.Progress(security.Count == 0 ? "🔒 No committed secrets or unsafe patterns found" : $"🔒 {security.Count} security issue(s), {security.Count(i => i.Blocking)} blocking",
            security.Any(i => i.Blocking) ? "error" : "info");
        context.Progress($"✅ Security score: {review.Breakdown[ReviewCategory.Security]}/100");
        ReportConformance(context, review);

        var fixRound = results.FixRound;
        var folder = Path.Combine(taskFolder, "review");
        await ReviewReport.WriteAsync(folder, review, results.Commit, fixRound, options.Value, time.GetUtcNow(), ct);
        var aiReviewed = await aiReview.WriteAsync(context, review, tree, folder, ct) is not null;

        var notable = review.Issues.Where(i => i.Severity > Severity.Info).ToList();
        context.Progress($"⚠️ {notable.Count} issue(s) ({review.BlockingIssues} blocking, {notable.Count - review.BlockingIssues} recommended)", notable.Count == 0 ? "info" : "warning");
        foreach (var issue in notable.Take(10))
            context.Progress($"   {issue.Severity.ToString().ToLowerInvariant()}: {issue.Message}{(issue.File is null ? "" : $" ({issue.File}{(issue.Line is null ? "" : $":{issue.Line}")})")}", issue.Blocking ? "error" : "warning");
        var approved = review.Decision == ReviewResult.Approved;
        context.Progress($"{(approved ? "✅" : "❌")} Code review complete: Score {review.OverallScore}/100 - {(approved ? "APPROVED" : "CHANGES REQUESTED")}", approved ? "info" : "error");
        context.Progress($"📋 Review report: artifacts/{context.Task.Id}/review/");

        var reference = $"artifacts/{context.Task.Id}/review";
        context.Emit(EventTypes.ReviewDecision, new JsonObject
        {
            ["decision"] = review.Decision,
            ["score"] = review.OverallScore,
            ["blocking_issues"] = review.BlockingIssues,
            ["issues"] = notable.Count,
            ["recommendations"] = review.Recommendations.Count,
            ["fix_round"] = fixRound,
            ["decision_ref"] = $"{reference}/{ReviewReport.DecisionFile}",
            ["artifacts"] = new JsonArray($"{reference}/{ReviewReport.SummaryFile}", $"{reference}/{ReviewReport.DecisionFile}"),
            ["ai_review"] = aiReviewed ? $"{reference}/{AiReview.File}" : null,
        });
    }

    static void ReportConformance(AgentContext context, ReviewResult review)
    {
        context.Progress("🤖 Reviewer: Checking the app against the request...");
        var conformance = review.Conformance;
        if (!conformance.Checked)
        {
            context.Progress("⚠️ No understood request in the commit: the app was only checked against itself", "warning");
            return;
        }
        var scope = conformance.Kind switch
        {
            "crud" => $"{conformance.Entities} entities, {conformance.Fields} fields in the contract, API, page and tests",
            Coder.Model.ModelCommits.PageKind => "a model-written app, held to its own tests",
            var kind => $"the {kind} endpoint in the contract",
        };
        context.Progress(conformance.Mismatches == 0 ? $"📐 Matches the request ({conformance.Source}): {scope}" : $"📐 {conformance.Mismatches} mismatch(es) with the request ({conformance.Source}): {scope}",
            conformance.Mismatches == 0 ? "info" : "error");
        if (conformance.NotUnderstood.Count > 0)
            context.Progress($"❓ Not understood in the request: {string.Join(", ", conformance.NotUnderstood.Select(w => $"\"{w}\""))}", "warning");
        foreach (var limitation in conformance.Limitations) context.Progress($"⚠️ Limitation: {limitation}", "warning");
        context.Progress($"✅ Request conformance: {review.Breakdown[ReviewCategory.SpecConformance]}/100");
    }

    /// <summary>
    /// The committed text files of the revision, read from git: what was tested is what is reviewed. The
    /// planning/ and architecture/ documents are not the app's code; of them only the understood request and
    /// the contract are read, to check the app against.
    /// </summary>
    async Task<(SourceTree Tree, UnderstoodRequest? Request)> LoadAsync(string repo, string commit, CancellationToken ct)
    {
        await using var locked = await repositories.OpenAsync(repo, ct);
        var request = UnderstoodRequest.From(
            await locked.Repository.ReadFileAsync(commit, UnderstoodRequest.DataModelsPath, ct),
            await locked.Repository.ReadFileAsync(commit, UnderstoodRequest.PlanPath, ct),
            await locked.Repository.ReadFileAsync(commit, UnderstoodRequest.ContractPath, ct));
        var files = new List<SourceFile>();
        foreach (var path in await locked.Repository.ListFilesAsync(commit, ct))
        {
            if (path.StartsWith("planning/", StringComparison.Ordinal) || path.StartsWith("architecture/", StringComparison.Ordinal)) continue;
            var content = await locked.Repository.ReadFileAsync(commit, path, ct);
            if (content is null || content.Length > MaxFileBytes || content.Contains('\0')) continue; // binary
            files.Add(new SourceFile(path, content));
        }
        return (new SourceTree(files), request);
    }
}
