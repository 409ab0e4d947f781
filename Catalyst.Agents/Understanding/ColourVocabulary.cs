using System.Text.Json;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// What the understanding knows about colours, from Data/colours.json: the CSS named colours, the words they are
/// made of, the parts of a page a colour can be for (its role words) and the words that say how a colour is applied.
/// </summary>
public sealed class ColourVocabulary
{
    const int ShortestPrefix = 3;

    readonly Dictionary<string, string> names;
    readonly Dictionary<string, string?> prefixes = new(StringComparer.Ordinal);
    readonly HashSet<string> words;
    readonly Dictionary<string, string> roles = new(StringComparer.Ordinal);
    readonly HashSet<string> weakRoles;
    readonly HashSet<string> presentationWords;
    readonly HashSet<string> colourTalk;

    public ColourVocabulary(JsonElement colours)
    {
        names = colours.GetProperty("colours").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        words = Set(colours.GetProperty("words"));
        weakRoles = Set(colours.GetProperty("weakRoles"));
        presentationWords = Set(colours.GetProperty("presentationWords"));
        colourTalk = Set(colours.GetProperty("colourTalk"));
        foreach (var family in colours.GetProperty("roles").EnumerateObject())
            foreach (var phrase in family.Value.EnumerateArray()) roles[phrase.GetString()!] = family.Name;
        LongestRole = roles.Keys.Max(k => k.Split(' ').Length);
        foreach (var (name, value) in names)
            for (var length = ShortestPrefix; length < name.Length; length++)
            {
                var prefix = name[..length];
                // "lightslate" starts both lightslategray and lightslategrey: one colour, so still unambiguous
                prefixes[prefix] = !prefixes.TryGetValue(prefix, out var seen) || seen == value ? value : null;
            }
    }

    /// <summary>The CSS names, joined ("lightgoldenrodyellow"), with their #rrggbb.</summary>
    public IReadOnlyDictionary<string, string> Names => names;

    /// <summary>The words of the longest role phrase ("outer layout" is two).</summary>
    public int LongestRole { get; }

    /// <summary>
    /// The colour a joined run of words names: a CSS name, or, when <paramref name="prefix"/> allows it, the start of
    /// exactly one ("lightgoldenrod" is lightgoldenrodyellow). One word is never read as a start: "old" or "hot" are words.
    /// </summary>
    public string? Named(string joined, bool prefix) =>
        names.TryGetValue(joined, out var value) ? value : prefix && prefixes.TryGetValue(joined, out var only) ? only : null;

    /// <summary>A word some CSS name is made of ("misty", "goldenrod"); "mist" is none.</summary>
    public bool IsColourWord(string word) => words.Contains(word);

    /// <summary>The role ("background", "accent", "text") of a role phrase in lower case, words joined by spaces.</summary>
    public string? RoleOf(string phrase) => roles.GetValueOrDefault(phrase);

    /// <summary>A role word that also names records ("card", "page"): it takes a colour only when something links them.</summary>
    public bool IsWeakRole(string phrase) => weakRoles.Contains(phrase);

    /// <summary>A word of how a colour is applied ("apply", "style", "all", "visible", "styling"), taken with its colour.</summary>
    public bool IsPresentationWord(string word) => presentationWords.Contains(word);

    /// <summary>A word that speaks of colour or look ("colour", "palette", "styled"): a sentence with one is about the page.</summary>
    public bool TalksOfColour(string word) => colourTalk.Contains(word);

    static HashSet<string> Set(JsonElement array) => new(array.EnumerateArray().Select(v => v.GetString()!), StringComparer.Ordinal);
}
