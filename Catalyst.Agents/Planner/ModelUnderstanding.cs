using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Agents;
using Catalyst.Core.Events;
using Catalyst.Core.Llm;
using Catalyst.Core.Security;
using Microsoft.Extensions.AI;

namespace Catalyst.Agents.Planner;

/// <summary>
/// The request read by the model, when one is configured, into the same spec the offline understanding makes,
/// and checked as strictly as a spec the user corrects (<see cref="SpecCorrection"/>). An invalid answer is sent
/// back once with its errors; after that, or when the model cannot be reached or the budget is spent, the offline
/// reading stands and the plan says why. The offline reading is also the model's starting point: it corrects
/// what the rules misread rather than starting from nothing.
/// </summary>
public sealed class ModelUnderstanding(AgentModels models)
{
    const int Attempts = 2;

    static readonly ChatOptions Options = new()
    {
        Temperature = 0,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(
            AIJsonUtilities.CreateJsonSchema(typeof(AppSpec), serializerOptions: AppSpecJson.Options), "app_spec",
            "The application to build: its entities with typed fields and references, its features and its look."),
    };

    public async Task<AppSpec> ReadAsync(AgentContext context, string prompt, AppSpec offline, CancellationToken ct)
    {
        // The task row is this step's to write: the running total goes into it and commits with the step.
        if (models.For(Actors.Planner, context.Task.Id, spent => context.Task.CostTotal = spent) is not { } client) return offline;
        var model = models.ModelFor(Actors.Planner);
        context.Progress($"🧠 Reading the request with the model {model}...");
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Instructions(offline)),
            new(ChatRole.User, SecretRedactor.Redact(prompt)),
        ];
        var answer = await CheckedQuestion.AskAsync(client, messages, Options, Attempts,
            text => Check(text, offline),
            (errors, again) => context.Progress($"⚠️ The model's spec is not valid: {errors}" + (again ? " Asking once more, with the errors." : ""), "warning"),
            errors => $"That spec is not valid: {errors} Answer again with the whole corrected spec as JSON.", ct);
        switch (answer)
        {
            case { Value: { } spec }:
                spec.Notes.Insert(0, $"The request was read by the model {model} and checked like a corrected spec.");
                return spec;
            case { Error: { } e }:
                return Fallback(context, offline, e is LlmBudgetExceededException ? e.Message : $"The model could not answer ({Describe(e)}).");
            default:
                return Fallback(context, offline, $"The model's answer was not a valid spec after {Attempts} attempts ({answer.Problems}).");
        }
    }

    static AppSpec Fallback(AgentContext context, AppSpec offline, string reason)
    {
        var note = $"{reason} The offline understanding was used instead.";
        offline.Notes.Insert(0, note);
        context.Progress($"⚠️ {note}", "warning");
        return offline;
    }

    /// <summary>The model's spec, completed like a corrected one, or what is wrong with it.</summary>
    static (AppSpec? Spec, string Errors) Check(string answer, AppSpec offline)
    {
        AppSpec spec;
        try
        {
            spec = AppSpecJson.FromNode(JsonNode.Parse(JsonAnswer.StripFence(answer)) ?? throw new JsonException("The answer is empty."));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            return (null, $"The answer is not JSON in the spec's shape: {e.Message}");
        }
        var errors = SpecCorrection.Validate(spec);
        if (errors.Count > 0) return (null, string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var completed = SpecCorrection.Complete(spec, offline);
        // What the offline generator cannot build does not change with who read the request: a records app the
        // model reads from "a tic-tac-toe game" is still not the game, so the limitation stands for the Coder to lift.
        completed.Limitations = completed.Kind == AppKind.Crud ? [.. offline.Limitations] : [];
        return (completed, "");
    }

    static string Describe(Exception e) => e switch
    {
        TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException => "it did not answer in time",
        _ => SecretRedactor.Redact(e.Message),
    };

    static string Instructions(AppSpec offline) => $"""
        You read a user's request for a small web application and answer with its spec as JSON, in the given schema.
        Entities are the kinds of record the user keeps; fields are typed (string, text, integer, decimal, money,
        boolean, date, date_time, email, url, phone, string_list, enum with options, reference to another entity by name).
        Keep only what the request asks for or clearly implies; name entities in the singular.
        A rule-based reader understood the request as below. Keep what it got right and correct what it misread.
        {AppSpecJson.ToNode(offline).ToJsonString()}
        """;
}
