using System.Text.Json;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// The request understanding's English: word classes, the app and record vocabulary, the field type table and
/// the CSS colours. Loaded once from the embedded data files (Data/lexicon.json, Data/colours.json); the code
/// holds the mechanism, the data says what it knows.
/// </summary>
public sealed class Lexicon
{
    static readonly Lazy<Lexicon> Shared = new(Load);

    public static Lexicon Default => Shared.Value;

    readonly Dictionary<string, HashSet<string>> tags;
    readonly Dictionary<string, HashSet<string>> lists;
    readonly Dictionary<string, HashSet<string>> features;
    readonly Dictionary<string, string[]> archetypes;
    readonly List<(FieldType Type, HashSet<string> Any, HashSet<string> Head, HashSet<string> First)> types = [];
    readonly HashSet<string> known = new(StringComparer.Ordinal);
    readonly HashSet<string> nouns = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Defaults { get; }
    public IReadOnlyDictionary<string, string> Colours { get; }

    Lexicon(JsonElement lexicon, JsonElement colours)
    {
        tags = Sets(lexicon.GetProperty("tags"));
        features = Sets(lexicon.GetProperty("features"));
        lists = [];
        foreach (var property in lexicon.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
            lists[property.Name] = Set(property.Value);
        archetypes = lexicon.GetProperty("archetypes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
        var table = lexicon.GetProperty("types");
        foreach (var name in lexicon.GetProperty("typePrecedence").EnumerateArray().Select(v => v.GetString()!))
        {
            var entry = table.GetProperty(name);
            HashSet<string> Part(string part) => entry.TryGetProperty(part, out var words) ? Set(words) : [];
            types.Add((TypeNamed(name), Part("any"), Part("head"), Part("first")));
        }
        foreach (var (key, value) in Sets(lexicon.GetProperty("stackWords"))) lists["stack:" + key] = value;
        Defaults = lexicon.GetProperty("defaults").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.Ordinal);
        Colours = colours.GetProperty("colours").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

        foreach (var set in tags.Values.Concat(lists.Values).Concat(features.Values)) known.UnionWith(set);
        foreach (var (_, a, h, f) in types) { known.UnionWith(a); known.UnionWith(h); known.UnionWith(f); }
        foreach (var phrase in archetypes.Values.SelectMany(p => p)) known.UnionWith(phrase.Split(' '));
        foreach (var (key, fields) in Defaults) { known.UnionWith(key.Split(' ')); foreach (var f in fields) known.UnionWith(f.Split(' ')); }
        known.UnionWith(Colours.Keys);

        foreach (var list in new[] { "appWords", "parties", "dependents", "parts", "categorical", "linking", "activities" }) nouns.UnionWith(lists[list]);
        foreach (var (_, a, h, _) in types) { nouns.UnionWith(a); nouns.UnionWith(h); }
        foreach (var (key, fields) in Defaults) { nouns.UnionWith(key.Split(' ')); foreach (var f in fields) nouns.UnionWith(f.Split(' ')); }
    }

    static Lexicon Load()
    {
        using var lexicon = JsonDocument.Parse(Resource("lexicon.json"));
        using var colours = JsonDocument.Parse(Resource("colours.json"));
        return new Lexicon(lexicon.RootElement.Clone(), colours.RootElement.Clone());
    }

    static Stream Resource(string name) =>
        typeof(Lexicon).Assembly.GetManifestResourceStream("Catalyst.Understanding." + name)
            ?? throw new InvalidOperationException($"The understanding's data file {name} is not embedded in {typeof(Lexicon).Assembly.GetName().Name}.");

    static HashSet<string> Set(JsonElement array) => new(array.EnumerateArray().Select(v => v.GetString()!), StringComparer.Ordinal);

    static Dictionary<string, HashSet<string>> Sets(JsonElement element) =>
        element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToDictionary(p => p.Name, p => Set(p.Value));

    static FieldType TypeNamed(string name) => Enum.Parse<FieldType>(name.Replace("_", ""), ignoreCase: true);

    /// <summary>Whether the word has the part of speech ("determiner", "preposition", "verb", "have" ...).</summary>
    public bool Is(string tag, string word) => tags.TryGetValue(tag, out var set) && set.Contains(word);

    /// <summary>Whether the word is in one of the named word lists ("appWords", "parties", "activities" ...).</summary>
    public bool In(string list, string word) => lists.TryGetValue(list, out var set) && set.Contains(word);

    /// <summary>Whether the word asks for a feature ("auth", "search", "tags", "totals", "sort", "filter").</summary>
    public bool Feature(string feature, string word) => features.TryGetValue(feature, out var set) && set.Contains(word);

    public IEnumerable<string> FeaturePhrases(string feature) => features.TryGetValue(feature, out var set) ? set : [];

    public IReadOnlyDictionary<string, string[]> Archetypes => archetypes;

    /// <summary>A word the lexicon knows as a noun (a record, a field, an app word), whatever else it can be.</summary>
    public bool IsKnownNoun(string word) => nouns.Contains(word) || nouns.Contains(Inflector.Singular(word));

    /// <summary>Any word the lexicon knows, in any class: a word it does not know is read as a noun.</summary>
    public bool Knows(string word) => known.Contains(word) || known.Contains(Inflector.Singular(word));

    /// <summary>Words that never carry content: articles, prepositions, conjunctions, pronouns, auxiliaries, fillers.</summary>
    public bool IsFunctionWord(string word) =>
        Is("determiner", word) || Is("preposition", word) || Is("conjunction", word) || Is("relative", word)
        || Is("pronoun", word) || Is("auxiliary", word) || Is("adverb", word) || Is("quantifier", word);

    /// <summary>The type table of docs/understanding.md, first match in precedence order; null when no rule applies.</summary>
    public FieldType? TypeOf(IReadOnlyList<string> words)
    {
        var head = words[^1];
        var singularHead = Inflector.Singular(head);
        foreach (var (type, any, heads, first) in types)
        {
            if (words.Any(any.Contains)) return type;
            if (heads.Contains(head) || (type != FieldType.StringList && heads.Contains(singularHead))) return type;
            if (words.Count > 1 && first.Contains(words[0])) return type;
        }
        return null;
    }
}
