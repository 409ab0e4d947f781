using System.Text.RegularExpressions;
using Catalyst.Agents.Understanding;

namespace Catalyst.Api.Chat;

/// <summary>
/// Reads what a chat message asks for. The mechanism: the message's lead (its first word after greetings,
/// "now"/"also" and polite asks such as "could you"), whether it is asked as a question, whether it speaks of a
/// task's state, and whether the request understanding finds an app described in it. Which words play which
/// part is data (<see cref="ChatVocabulary"/>); this class holds only the order in which the signals decide.
/// </summary>
public sealed partial class IntentReader(RequestParser parser, ChatVocabulary vocabulary)
{
    public IntentReading Read(string message, bool hasProject)
    {
        var text = message.Trim();
        var words = Words(text);
        var (lead, continued) = Lead(words);
        // Nothing but greetings and politeness ("hello", "thanks!"): there is no request to read, even though
        // "hello" alone would read as a hello-world app.
        if (lead == words.Count) return new(ChatIntent.Help);
        var leadWord = words[lead];

        if (AnalyzeTarget(text, words, lead) is { } target)
            return new(ChatIntent.Analyze, Target: target, BuildSimilar: words.Skip(lead + 1).Any(vocabulary.BuildVerbs.Contains));

        var spec = parser.Parse(text);
        // The understanding falls back to generic items when nothing in the request names what to keep.
        var generic = spec.Kind == AppKind.Crud && spec.Limitations.Count == 0
            && spec.Entities is [{ Name: "Item" } item] && item.Fields.All(f => f.Source == FieldSources.Default);
        var asksForSomething = !generic || spec.Features.Auth || spec.Features.Search || spec.Features.Tags;
        // With an app in the conversation, "create a category entity" changes it; only a phrase that names an app
        // ("build a habit tracker") asks for a new one.
        var namesApp = words.Any(vocabulary.AppWords.Contains) || spec.Kind != AppKind.Crud;
        if (HasBuildPhrase(words) && (namesApp || !hasProject && !generic)) return new(ChatIntent.Build, Understood: spec.Description);

        var changes = vocabulary.ChangeVerbs.Contains(leadWord) && !vocabulary.InfoVerbs.Contains(leadWord);
        if (hasProject && changes) return new(ChatIntent.FollowUp);

        var asked = text.EndsWith('?') || vocabulary.QuestionWords.Contains(leadWord) || vocabulary.InfoVerbs.Contains(leadWord);
        if (asked && words.Any(vocabulary.TaskWords.Contains)) return new(ChatIntent.Question, TopicOf(words));

        if (hasProject && (vocabulary.ChangeVerbs.Contains(leadWord) || continued && asksForSomething)) return new(ChatIntent.FollowUp);
        if (!generic && !asked) return new(ChatIntent.Build, Understood: spec.Description);
        return new(ChatIntent.Help, ChangeWithoutProject: !hasProject && vocabulary.ChangeVerbs.Contains(leadWord));
    }

    /// <summary>Where the message's own request starts, and whether a "now"/"also" before it continues an earlier one.</summary>
    (int Lead, bool Continued) Lead(List<string> words)
    {
        var i = 0;
        var continued = false;
        while (i < words.Count)
        {
            if (vocabulary.Continuers.Contains(words[i])) { continued = true; i++; }
            else if (vocabulary.Openers.Contains(words[i])) i++;
            else if (vocabulary.PoliteAsks.FirstOrDefault(ask => StartsAt(words, i, ask)) is { } ask) i += ask.Length;
            else break;
        }
        return (i, continued);
    }

    /// <summary>"build me a ...", "I want an ...", "create a new ...": a build verb shortly followed by a determiner.</summary>
    bool HasBuildPhrase(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!vocabulary.BuildVerbs.Contains(words[i])) continue;
            for (var j = i + 1; j <= i + 2 && j < words.Count; j++)
                if (vocabulary.BuildDeterminers.Contains(words[j])) return true;
        }
        return false;
    }

    /// <summary>
    /// What an analysis request names: a link anywhere next to an analysis verb, or what follows the lead when the
    /// lead is an analysis verb with a thing that can be analysed ("audit the database"). Null for anything else.
    /// </summary>
    string? AnalyzeTarget(string text, List<string> words, int lead)
    {
        var link = Link().Match(text);
        if (link.Success && words.Any(vocabulary.AnalyzeVerbs.Contains)) return link.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')');
        if (lead >= words.Count || !vocabulary.AnalyzeVerbs.Contains(words[lead])) return null;
        var rest = words.Skip(lead + 1).ToList();
        if (!rest.Any(vocabulary.AnalyzeTargets.Contains)) return null;
        if (rest.FirstOrDefault() is "at" or "into" or "over") rest.RemoveAt(0);
        return string.Join(' ', rest);
    }

    QuestionTopic TopicOf(List<string> words)
    {
        var best = (Topic: QuestionTopic.Status, Hits: 0);
        foreach (var (topic, topicWords) in vocabulary.Topics)
        {
            var hits = words.Count(topicWords.Contains);
            if (hits > best.Hits) best = (topic, hits);
        }
        return best.Topic;
    }

    static bool StartsAt(List<string> words, int i, string[] phrase) =>
        i + phrase.Length <= words.Count && phrase.Select((w, k) => words[i + k] == w).All(same => same);

    static List<string> Words(string text) =>
        [.. Word().Matches(text.ToLowerInvariant().Replace("'", "").Replace("’", "")).Select(m => m.Value)];

    [GeneratedRegex("[a-z0-9]+")] private static partial Regex Word();

    /// <summary>A URL with a scheme, or a host name with a path ("github.com/user/blog").</summary>
    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", RegexOptions.IgnoreCase)] private static partial Regex Link();
}
