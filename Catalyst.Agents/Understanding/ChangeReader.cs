using System.Text.Json;
using System.Text.RegularExpressions;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// Reads a follow-up ("now add a due date to todos", "rename title to name and drop the notes") as changes to
/// the app's current spec: a small clause grammar (rename, remove, add, presentation) on top of the request
/// understanding. Field types, entity names and plurals come from <see cref="RequestParser"/> itself: the
/// words to add are read as "{records} have {words}", so a follow-up types a field exactly as a first request
/// would. A clause it cannot read, or a change it cannot make, becomes a limitation, never a guess.
/// </summary>
public sealed partial class ChangeReader(RequestParser parser)
{
    readonly Lexicon lexicon = Lexicon.Default;
    readonly ChangeVocabulary vocabulary = ChangeVocabulary.Default;

    public SpecRevision Read(string prompt, AppSpec current)
    {
        var spec = Clone(current);
        var edit = new SpecEdit(spec, lexicon);
        var recognised = false;
        foreach (var clause in Clauses(prompt ?? ""))
        {
            var words = StripFillers(clause);
            if (words.Count == 0) continue;
            if (ReadClause(words, edit)) recognised = true;
            else edit.Limitations.Add($"The offline generator cannot make this change: \"{string.Join(' ', clause.Where(w => !IsPunctuation(w)))}\"; the app is left as it was for that part.");
        }
        // A request with no change in it that describes an app is a new app, understood as a first request is.
        if (!recognised && DescribesAnApp(prompt ?? "")) return new(current, [], [], NewApp: true);
        if (edit.Changes.Count > 0)
        {
            spec.Prompt = $"{current.Prompt} Then: {(prompt ?? "").Trim()}";
            spec.Description = RequestParser.Describe(spec);
        }
        spec.Limitations = [.. edit.Limitations];
        spec.Notes = [.. edit.Notes];
        return new(spec, edit.Changes, edit.Limitations, NewApp: false);
    }

    bool ReadClause(List<string> words, SpecEdit edit)
    {
        if (vocabulary.In("unsupportedVerbs", words[0]))
        {
            edit.Limitations.Add($"The offline generator cannot {string.Join(' ', words)}: it builds records, fields, login, search, tags and the page's look; the app is left as it was for that part.");
            return true;
        }
        if (ReadRename(words, edit) || ReadRemove(words, edit) || ReadPresentation(words, edit) || ReadAdd(words, edit) || ReadFeatures(words, edit)) return true;
        if (words.Any(w => vocabulary.In("unsupportedNouns", w)))
        {
            edit.Limitations.Add($"The offline generator cannot build \"{string.Join(' ', words)}\": it builds records, fields, login, search, tags and the page's look; the app is left as it was for that part.");
            return true;
        }
        return false;
    }

    /// <summary>Sentences, and within them the clauses that open with a change verb ("..., and rename x to y").</summary>
    List<List<string>> Clauses(string prompt)
    {
        var clauses = new List<List<string>>();
        foreach (var sentence in SentenceBreak().Split(prompt.ToLowerInvariant()))
        {
            var tokens = WordPattern().Matches(sentence).Select(m => Normalise(m.Value)).Where(w => w.Length > 0).ToList();
            var current = new List<string>();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i] is "," or "and" or "then" or "also" or "but" or "plus" && current.Count(w => w != ",") > 0 && OpensChange(tokens, i + 1))
                {
                    clauses.Add(current);
                    current = [];
                    continue;
                }
                current.Add(tokens[i]);
            }
            if (current.Count > 0) clauses.Add(current);
        }
        return clauses;
    }

    bool OpensChange(List<string> tokens, int start)
    {
        var i = start;
        while (i < tokens.Count && (tokens[i] is "," or "and" or "then" or "also" or "please" or "maybe")) i++;
        if (i >= tokens.Count) return false;
        var w = tokens[i];
        return vocabulary.In("removeVerbs", w) || vocabulary.In("renameVerbs", w) && w != "name" || vocabulary.In("unsupportedVerbs", w)
            || w is "add" or "include" or "track" or "give" or "let" or "make" or "allow" or "get" or "put" or "introduce" or "store" or "record"
            || vocabulary.Phrases("removePhrases").Any(p => StartsWith(tokens, i, p));
    }

    List<string> StripFillers(List<string> clause)
    {
        var words = clause;
        var i = 0;
        while (i < words.Count && IsPunctuation(words[i])) i++;
        while (i < words.Count && vocabulary.In("fillers", words[i]) && !(words[i] == "it" && i + 1 < words.Count && words[i + 1] is not ("would" or "should" or "will" or "be"))) i++;
        // "i want to add ...", "we need to rename ...": the wish before the verb says nothing
        if (i + 2 < words.Count && vocabulary.In("wishVerbs", words[i]) && words[i + 1] == "to") i += 2;
        while (i < words.Count && (words[i] is "to" or "please" or "also" or "now" || IsPunctuation(words[i]))) i++;
        return words[i..];
    }

    /// <summary>"a recipe app where ...", "build me a blog with posts": an app word, an archetype, or records introduced the way a first request does.</summary>
    bool DescribesAnApp(string prompt)
    {
        var parsed = parser.Parse(prompt);
        var words = WordPattern().Matches(prompt.ToLowerInvariant()).Select(m => m.Value).Where(w => !IsPunctuation(w)).ToList();
        var opensLikeARequest = words.Count > 0 && (words[0] is "a" or "an" || vocabulary.In("appVerbs", words[0]) && words.Count > 1 && words[1] is "a" or "an" or "me" or "us");
        return parsed.Kind != AppKind.Crud
            || words.Any(w => lexicon.In("appWords", w) || lexicon.In("genericAppWords", w))
            || opensLikeARequest && parsed.Entities.Any(e => e.Fields.Any(f => f.Source == FieldSources.Request));
    }

    /// <summary>Commas, brackets and colons stay in a clause: the request understanding reads option lists by them.</summary>
    static bool IsPunctuation(string word) => word is "," or "(" or ")" or ":";

    static bool StartsWith(List<string> words, int at, string[] phrase) =>
        at + phrase.Length <= words.Count && phrase.Select((p, k) => words[at + k] == p).All(x => x);

    static string Normalise(string token) =>
        token.Replace('’', '\'') is var t && t.EndsWith("'s", StringComparison.Ordinal) && t is not ("let's" or "it's" or "that's") ? t[..^2] : token.Replace('’', '\'');

    static AppSpec Clone(AppSpec spec) => JsonSerializer.Deserialize<AppSpec>(JsonSerializer.Serialize(spec))!;

    [GeneratedRegex(@"[.;!?\n]+(?:\s|$)|\n")] private static partial Regex SentenceBreak();
    [GeneratedRegex(@"[a-z0-9#]+(?:['’-][a-z0-9]+)*|[,():]")] private static partial Regex WordPattern();
}
