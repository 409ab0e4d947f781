using System.Text;
using Catalyst.Agents.Planner;
using Catalyst.Core.Agents;
using Catalyst.Core.Git;
using Catalyst.Core.Llm;

namespace Catalyst.Agents.Architect;

/// <summary>
/// The design's prose, written by the model when one is configured: <c>architecture/design.md</c>, around the
/// validated spec and the decisions the Architect already made. The contract, the data models and the decision
/// records stay generated from the spec, so the model's words can explain the design but never change it.
/// </summary>
public sealed class ModelDesign(AgentModels models)
{
    public const string Path = "architecture/design.md";

    public async Task<GeneratedFile?> WriteAsync(AgentContext context, Plan plan, IReadOnlyList<GeneratedFile> documents, CancellationToken ct)
    {
        if (await models.AskAsync(context, Instructions, Material(plan, documents), "the design notes", "The generated design documents stand alone", ct)
            is not { } notes) return null;
        return new GeneratedFile(Path, $"# {plan.Domain.Title}: design notes\n\n_Written by {notes.Model} around the validated spec; the contract, " +
            $"data models and decision records beside this file are generated from the spec and are authoritative._\n\n{notes.Text}\n");
    }

    const string Instructions = """
        You are the architect of a small web application that has already been designed. Explain the design to the
        developer who will maintain it: what the app is for, how its records relate, how requests flow from the page
        through the API to storage, and why the recorded decisions fit. Do not invent endpoints, fields or
        technologies beyond those given. Answer in Markdown with a few short sections, under 600 words.
        """;

    static string Material(Plan plan, IReadOnlyList<GeneratedFile> documents)
    {
        var text = new StringBuilder().AppendLine($"Request: {plan.Domain.Prompt}");
        foreach (var document in documents.Where(d => d.Path.EndsWith(".md", StringComparison.Ordinal) || d.Path.EndsWith("data-models.json", StringComparison.Ordinal)))
            text.AppendLine($"--- {document.Path}").AppendLine(document.Content);
        return text.ToString();
    }
}
