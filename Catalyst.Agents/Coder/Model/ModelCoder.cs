using System.Text.Json;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Git;
using Catalyst.Core.Llm;
using Catalyst.Core.Security;
using Microsoft.Extensions.AI;

namespace Catalyst.Agents.Coder.Model;

/// <summary>The model's files, checked and ready to commit.</summary>
public sealed record ModelBuild(string Model, string Summary, IReadOnlyList<GeneratedFile> Files, IReadOnlyList<string> Remove);

/// <summary>
/// The Coder's model, for what the offline generator cannot build: it asks for the app's files as structured
/// output (<see cref="ModelFiles"/>) under the generated-app contract, checks them (<see cref="ModelFileRules"/>),
/// and sends an invalid answer back once with its errors. In a fix round it shows the model its files and the
/// Tester's or Reviewer's findings. Every way of not getting usable files (no model, the budget spent, a failure,
/// a refusal, two invalid answers) is null, with a warning in the task's log saying why.
/// </summary>
public sealed class ModelCoder(AgentModels models)
{
    const int Attempts = 2;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static readonly ChatOptions Options = new()
    {
        Temperature = 0,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(AIJsonUtilities.CreateJsonSchema(typeof(ModelFiles), serializerOptions: Json), "app_files",
            "The application's files: each path relative to the repository root, with its whole content."),
    };

    public bool Enabled => models.Enabled;

    public string? Model => models.ModelFor(Actors.Coder);

    /// <summary>The first build of an app the offline generator cannot make.</summary>
    public Task<ModelBuild?> BuildAsync(AgentContext context, AppSpec spec, CancellationToken ct) =>
        AskAsync(context, spec, ModelAppContract.Request(spec), firstBuild: true, "app", ct);

    /// <summary>A fix round: the findings and the files as they stand.</summary>
    public Task<ModelBuild?> FixAsync(AgentContext context, AppSpec spec, FixRequest request, IReadOnlyList<GeneratedFile> current, CancellationToken ct) =>
        AskAsync(context, spec, ModelAppContract.Fix(request, current), firstBuild: false, "fix", ct);

    async Task<ModelBuild?> AskAsync(AgentContext context, AppSpec spec, string material, bool firstBuild, string purpose, CancellationToken ct)
    {
        // The task row is this step's to write: the running total goes into it and commits with the step.
        if (models.For(Actors.Coder, context.Task.Id, spent => context.Task.CostTotal = spent) is not { } client) return null;
        context.Progress($"🧠 Writing the {purpose} with the model {Model}...");
        List<ChatMessage> messages =
        [
            new(ChatRole.System, ModelAppContract.Instructions(spec)),
            new(ChatRole.User, SecretRedactor.Redact(material)),
        ];
        var answer = await CheckedQuestion.AskAsync(client, messages, Options, Attempts,
            text => Check(text, spec, firstBuild),
            (errors, again) => context.Progress($"⚠️ The model's files are not usable: {errors}" + (again ? " Asking once more, with the errors." : ""), "warning"),
            errors => $"Those files cannot be used: {errors} Answer again with the corrected files as JSON.", ct);
        return answer switch
        {
            { Value: { } build } => build with { Model = Model! },
            { Error: { } e } => GiveUp(context, purpose, firstBuild, e is LlmBudgetExceededException ? e.Message : $"the model could not answer ({SecretRedactor.Redact(e.Message)})"),
            _ => GiveUp(context, purpose, firstBuild, $"the model's answer was not usable after {Attempts} attempts ({answer.Problems})"),
        };
    }

    static ModelBuild? GiveUp(AgentContext context, string purpose, bool firstBuild, string reason)
    {
        context.Progress($"⚠️ The model wrote no usable {purpose}: {reason}."
            + (firstBuild ? " The offline generator builds what it can instead, and the limitation stands." : ""), "warning");
        return null;
    }

    static (ModelBuild? Build, string Errors) Check(string answer, AppSpec spec, bool firstBuild)
    {
        ModelFiles? files;
        try
        {
            files = JsonSerializer.Deserialize<ModelFiles>(JsonAnswer.StripFence(answer), Json);
        }
        catch (JsonException e)
        {
            return (null, $"The answer is not JSON in the files' shape: {e.Message}");
        }
        if (files is null) return (null, "The answer is empty.");
        var (checkedFiles, remove, errors) = ModelFileRules.Check(files, spec, firstBuild);
        return errors.Count > 0
            ? (null, string.Join(" ", errors.Take(10)) + (errors.Count > 10 ? $" And {errors.Count - 10} more." : ""))
            : (new ModelBuild("", (files.Summary ?? "").Trim(), checkedFiles, remove), "");
    }
}
