using System.Text.Json;

namespace Catalyst.Api.Chat;

/// <summary>
/// The words the chat's intent reading knows, loaded once from the embedded Data/chat-vocabulary.json: which
/// words ask questions, name a task's state, ask for a change, ask for a build or an analysis.
/// </summary>
public sealed class ChatVocabulary
{
    static readonly Lazy<ChatVocabulary> Shared = new(Load);

    public static ChatVocabulary Default => Shared.Value;

    public required IReadOnlySet<string> Openers { get; init; }
    public required IReadOnlySet<string> Continuers { get; init; }
    public required IReadOnlyList<string[]> PoliteAsks { get; init; }
    public required IReadOnlySet<string> QuestionWords { get; init; }
    public required IReadOnlySet<string> InfoVerbs { get; init; }
    public required IReadOnlySet<string> TaskWords { get; init; }
    public required IReadOnlyList<(QuestionTopic Topic, IReadOnlySet<string> Words)> Topics { get; init; }
    public required IReadOnlySet<string> ChangeVerbs { get; init; }
    public required IReadOnlySet<string> BuildVerbs { get; init; }
    public required IReadOnlySet<string> BuildDeterminers { get; init; }
    public required IReadOnlySet<string> AppWords { get; init; }
    public required IReadOnlySet<string> AnalyzeVerbs { get; init; }
    public required IReadOnlySet<string> AnalyzeTargets { get; init; }

    /// <summary>Example messages per intent ("build", "follow_up", "question"), for the help answer.</summary>
    public required IReadOnlyDictionary<string, string[]> Examples { get; init; }

    static ChatVocabulary Load()
    {
        using var stream = typeof(ChatVocabulary).Assembly.GetManifestResourceStream("Catalyst.Chat.chat-vocabulary.json")
            ?? throw new InvalidOperationException("The chat vocabulary (Chat/Data/chat-vocabulary.json) is not embedded in Catalyst.Api.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        string[] List(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetString()!)];
        HashSet<string> Set(string name) => new(List(root.GetProperty(name)), StringComparer.Ordinal);
        return new ChatVocabulary
        {
            Openers = Set("openers"),
            Continuers = Set("continuers"),
            // longest first, so "please can you" wins over "can you"
            PoliteAsks = [.. List(root.GetProperty("politeAsks")).Select(p => p.Split(' ')).OrderByDescending(p => p.Length)],
            QuestionWords = Set("questionWords"),
            InfoVerbs = Set("infoVerbs"),
            TaskWords = Set("taskWords"),
            Topics = [.. root.GetProperty("topics").EnumerateObject()
                .Select(p => (Enum.Parse<QuestionTopic>(p.Name, ignoreCase: true), (IReadOnlySet<string>)new HashSet<string>(List(p.Value), StringComparer.Ordinal)))],
            ChangeVerbs = Set("changeVerbs"),
            BuildVerbs = Set("buildVerbs"),
            BuildDeterminers = Set("buildDeterminers"),
            AppWords = Set("appWords"),
            AnalyzeVerbs = Set("analyzeVerbs"),
            AnalyzeTargets = Set("analyzeTargets"),
            Examples = root.GetProperty("examples").EnumerateObject().ToDictionary(p => p.Name, p => List(p.Value), StringComparer.Ordinal),
        };
    }
}
