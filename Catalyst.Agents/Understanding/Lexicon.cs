using System.Text.Json;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// The request understanding's English: word classes, the app and record vocabulary, the field type table and
/// the CSS colours, and the English word classes derived from WordNet. Loaded once from the embedded data files
/// (Data/lexicon.json, Data/colours.json, Data/nouns.tsv); the code holds the mechanism, the data says what it knows.
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
    readonly List<(FieldType Type, string[] Words)> phrases = [];
    readonly HashSet<string> known = new(StringComparer.Ordinal);
    readonly HashSet<string> nouns = new(StringComparer.Ordinal);
    readonly HashSet<string> fieldWords = new(StringComparer.Ordinal);

    /// <summary>What a misspelt word may be read as: the field words, and the kinds of record in singular and plural.</summary>
    readonly HashSet<string> spellings = new(StringComparer.Ordinal);
    readonly HashSet<string> recordSpellings = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Defaults { get; }

    /// <summary>What a clause in a field list names: "where ..." a location, "how often ..." a frequency, "what I paid" the price paid.</summary>
    public IReadOnlyDictionary<string, string[]> ClauseFields { get; }
    public IReadOnlyDictionary<string, string> Colours => Palette.Names;

    /// <summary>The CSS colours with the words they are made of, and the role words that say what a colour is for.</summary>
    public ColourVocabulary Palette { get; }

    /// <summary>Each English word's class from WordNet's first sense (Data/nouns.tsv): see <see cref="WordClass"/>.</summary>
    readonly IReadOnlyDictionary<string, WordClass> wordClasses;

    /// <summary>Nouns English also has as verbs ("book", "post", "display"): upper case in Data/nouns.tsv.</summary>
    readonly IReadOnlySet<string> nounVerbs;

    Lexicon(JsonElement lexicon, JsonElement colours, (IReadOnlyDictionary<string, WordClass> Classes, IReadOnlySet<string> NounVerbs) english)
    {
        (wordClasses, nounVerbs) = english;
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
            foreach (var phrase in Part("phrase")) phrases.Add((TypeNamed(name), phrase.Split(' ')));
        }
        foreach (var (key, value) in Sets(lexicon.GetProperty("stackWords"))) lists["stack:" + key] = value;
        Defaults = lexicon.GetProperty("defaults").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.Ordinal);
        ClauseFields = lexicon.GetProperty("clauseFields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!.Split(' '), StringComparer.Ordinal);
        Palette = new ColourVocabulary(colours);

        foreach (var set in tags.Values.Concat(lists.Values).Concat(features.Values)) known.UnionWith(set);
        foreach (var (_, a, h, f) in types) { known.UnionWith(a); known.UnionWith(h); known.UnionWith(f); }
        foreach (var phrase in archetypes.Values.SelectMany(p => p)) known.UnionWith(phrase.Split(' '));
        foreach (var (_, words) in phrases) known.UnionWith(words);
        foreach (var (key, fields) in Defaults) { known.UnionWith(key.Split(' ')); foreach (var f in fields) known.UnionWith(f.Split(' ')); }
        known.UnionWith(Colours.Keys);

        foreach (var list in new[] { "appWords", "parties", "dependents", "parts", "categorical", "linking", "activities" }) nouns.UnionWith(lists[list]);
        foreach (var (_, a, h, _) in types) { nouns.UnionWith(a); nouns.UnionWith(h); }
        foreach (var (key, fields) in Defaults) { nouns.UnionWith(key.Split(' ')); foreach (var f in fields) nouns.UnionWith(f.Split(' ')); }

        foreach (var (_, a, h, f) in types) { fieldWords.UnionWith(a); fieldWords.UnionWith(h); fieldWords.UnionWith(f); }
        foreach (var fields in Defaults.Values) foreach (var f in fields) fieldWords.UnionWith(f.Split(' '));
        foreach (var (key, name) in ClauseFields) { known.UnionWith(key.Split(' ')); known.UnionWith(name); }
        fieldWords.UnionWith(lists["categorical"]);
        fieldWords.UnionWith(lists["countWords"]);
        fieldWords.RemoveWhere(w => w.Length < 4 || !w.All(char.IsAsciiLetterLower));
        foreach (var record in Defaults.Keys.Where(k => !k.Contains(' ')).Concat(lists["parties"]).Concat(lists["dependents"]).Concat(lists["parts"]).Concat(lists["linking"]))
            recordSpellings.UnionWith([record, Inflector.Plural(record)]);
        recordSpellings.RemoveWhere(w => w.Length < 4 || !w.All(char.IsAsciiLetterLower));
        spellings.UnionWith(fieldWords);
        spellings.UnionWith(recordSpellings);
    }

    Lexicon(Lexicon shared, IReadOnlyCollection<string> verbs)
    {
        tags = new(shared.tags) { ["verb"] = [.. shared.tags["verb"], .. verbs] };
        lists = new(shared.lists) { ["objectVerbs"] = [.. shared.lists["objectVerbs"], .. verbs] };
        known = [.. shared.known, .. verbs];
        (features, archetypes, types, phrases, nouns, fieldWords, spellings, recordSpellings) =
            (shared.features, shared.archetypes, shared.types, shared.phrases, shared.nouns, shared.fieldWords, shared.spellings, shared.recordSpellings);
        (Defaults, ClauseFields, Palette, wordClasses, nounVerbs) = (shared.Defaults, shared.ClauseFields, shared.Palette, shared.wordClasses, shared.nounVerbs);
    }

    /// <summary>
    /// This lexicon with one request's own verbs added (<see cref="ContextVerbs"/>): words it reads as verbs, that take
    /// the records they act on, for that request only.
    /// </summary>
    public Lexicon WithVerbs(IReadOnlyCollection<string> verbs) => verbs.Count == 0 ? this : new(this, verbs);

    /// <summary>A word the lexicon knows as naming a field: a type table word, a default field, a category, a count.</summary>
    public bool IsFieldWord(string word) => fieldWords.Contains(word) || TypeOf([word]) is not null;

    /// <summary>
    /// A misspelt field or record word read as the known one it is one edit from ("ammount" -> amount, "titel" -> title,
    /// "salery" -> salary, "expences" -> expenses): only for words the lexicon does not know, long enough that one edit rarely makes
    /// another word, and only when exactly one known word is that close. <paramref name="recordsOnly"/> reads a word as a
    /// kind of record only (any word of the request may be one; field words are corrected where a field is read).
    /// </summary>
    public string Correct(string word, bool recordsOnly = false)
    {
        if (word.Length < 5 || !word.All(char.IsAsciiLetterLower) || Knows(word) || IsInflectionOfKnown(word)) return word;
        string? found = null;
        foreach (var candidate in recordsOnly ? recordSpellings : spellings)
        {
            if (Math.Abs(candidate.Length - word.Length) > 1 || candidate[0] != word[0] && candidate[1] != word[1]) continue;
            var distance = OneEdit(word, candidate);
            if (distance is null || distance == "change" && word.Length < 6 || distance == "length" && Math.Min(word.Length, candidate.Length) < 5) continue;
            // a record word is a whole noun of its own: one vowel for another ("lions", "loans") makes another word, not a typo
            if (recordsOnly && distance == "change" && Enumerable.Range(0, word.Length).First(i => word[i] != candidate[i]) is var at && "aeiou".Contains(word[at]) && "aeiou".Contains(candidate[at])) continue;
            if (found is not null && found != candidate) return word;
            found = candidate;
        }
        return found ?? word;
    }

    /// <summary>"started", "planted", "baking": a regular form of a word the lexicon knows is a word, not a typo.</summary>
    bool IsInflectionOfKnown(string word) =>
        word.EndsWith("ed", StringComparison.Ordinal) && (Knows(word[..^2]) || Knows(word[..^1]) || word.Length > 4 && word[^3] == word[^4] && Knows(word[..^3]))
        || word.EndsWith("ing", StringComparison.Ordinal) && (Knows(word[..^3]) || Knows(word[..^3] + "e") || word.Length > 5 && word[^4] == word[^5] && Knows(word[..^4]))
        // "reader", "bigger" are words; "auther" is not "auth" + er: only a verb or an adjective takes -er
        || word.EndsWith("er", StringComparison.Ordinal) && (ErStem(word[..^2]) || ErStem(word[..^1]));

    bool ErStem(string stem) => Is("verb", stem) || Is("adjective", stem) || Is("have", stem);

    /// <summary>What single edit turns a into b: "swap" (two neighbours), "change" (one letter), "length" (one letter more or less); null otherwise.</summary>
    static string? OneEdit(string a, string b)
    {
        if (a.Length == b.Length)
        {
            var diffs = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
            if (diffs.Count == 1) return diffs[0] == a.Length - 1 ? null : "change"; // endings carry meaning: publisher is not published
            if (diffs.Count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]) return "swap";
            return null;
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        if (longer.Length != shorter.Length + 1) return null;
        var i = 0;
        while (i < shorter.Length && longer[i] == shorter[i]) i++;
        return i < shorter.Length && longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i)) ? "length" : null;
    }

    static Lexicon Load()
    {
        using var lexicon = JsonDocument.Parse(Resource("lexicon.json"));
        using var colours = JsonDocument.Parse(Resource("colours.json"));
        return new Lexicon(lexicon.RootElement.Clone(), colours.RootElement.Clone(), WordClasses(Resource("nouns.tsv")));
    }

    static (IReadOnlyDictionary<string, WordClass>, IReadOnlySet<string>) WordClasses(Stream tsv)
    {
        using var reader = new StreamReader(tsv);
        var classes = new Dictionary<string, WordClass>(80_000, StringComparer.Ordinal);
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 3 || line[0] == '#') continue;
            var word = line[..^2];
            classes[word] = (WordClass)char.ToLowerInvariant(line[^1]);
            if (char.IsUpper(line[^1])) verbs.Add(word);
        }
        return (classes, verbs);
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

    /// <summary>A word list of phrases ("register for", "sign up for"), each split into its words.</summary>
    public IEnumerable<string[]> Phrases(string list) => lists.TryGetValue(list, out var set) ? set.Select(p => p.Split(' ')) : [];

    public IReadOnlyDictionary<string, string[]> Archetypes => archetypes;

    /// <summary>A word the lexicon knows as a noun (a record, a field, an app word), whatever else it can be.</summary>
    public bool IsKnownNoun(string word) => nouns.Contains(word) || nouns.Contains(Inflector.Singular(word));

    /// <summary>
    /// The word's class in English (WordNet's first sense), for a word in either number and a verb's -ing, -ed or -s
    /// form ("allowing", "customized"); <see cref="WordClass.Unknown"/> for a word WordNet does not have (names, jargon, typos).
    /// </summary>
    public WordClass ClassOf(string word)
    {
        if (wordClasses.TryGetValue(word, out var found)) return found;
        // "user-submitted", "real-time", "multi-company": a compound word is what its last part is
        if (word.LastIndexOf('-') is var hyphen and > 0 && hyphen < word.Length - 1) return ClassOf(word[(hyphen + 1)..]);
        var singular = Inflector.Singular(word);
        if (singular != word && wordClasses.TryGetValue(singular, out found) && found != WordClass.Verb && found != WordClass.Modifier) return found;
        foreach (var stem in VerbStems(word))
            if (wordClasses.TryGetValue(stem, out found) && found == WordClass.Verb) return WordClass.Verb;
        return WordClass.Unknown;
    }

    /// <summary>A word English has as a verb, whether or not also as a noun ("browse", "book", "allowing", "posting").</summary>
    public bool CanBeVerb(string word) =>
        ClassOf(word) == WordClass.Verb || nounVerbs.Contains(word) || VerbStems(word).Any(stem => nounVerbs.Contains(stem) || wordClasses.GetValueOrDefault(stem) == WordClass.Verb);

    /// <summary>A noun that is structure rather than a thing kept: functionality, capability, information, management.</summary>
    public bool IsAbstract(string word) => ClassOf(word) == WordClass.Abstract;

    /// <summary>A word English has, but never as a noun: "able", "allowing", "such".</summary>
    public bool IsNeverNoun(string word) => ClassOf(word) is WordClass.Verb or WordClass.Modifier;

    /// <summary>"allowing" -> allow, "customized" -> customize, "summarizes" -> summarize: the stems a regular verb form can have.</summary>
    public static IEnumerable<string> VerbStems(string word)
    {
        foreach (var (ending, restore) in new[] { ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "") })
        {
            if (word.Length <= ending.Length + 2 || !word.EndsWith(ending, StringComparison.Ordinal)) continue;
            var stem = word[..^ending.Length];
            yield return stem + restore;
            if (restore == "" && stem.Length > 3 && stem[^1] == stem[^2]) yield return stem[..^1]; // "planning" -> plan
        }
    }

    /// <summary>Any word the lexicon knows, in any class: a word it does not know is read as a noun.</summary>
    public bool Knows(string word) => known.Contains(word) || known.Contains(Inflector.Singular(word));

    /// <summary>Words that never carry content: articles, prepositions, conjunctions, pronouns, auxiliaries, fillers.</summary>
    public bool IsFunctionWord(string word) =>
        Is("determiner", word) || Is("preposition", word) || Is("conjunction", word) || Is("relative", word)
        || Is("pronoun", word) || Is("auxiliary", word) || Is("adverb", word) || Is("quantifier", word);

    /// <summary>The type table of docs/understanding.md, first match in precedence order; null when no rule applies.</summary>
    public FieldType? TypeOf(IReadOnlyList<string> words)
    {
        // "resting heart rate", "blood sugar level": a compound the table names is typed as a whole, before its head word
        // ("rate" alone is money); a measure word after it ("level", "reading") says nothing more
        var end = words.Count;
        while (end > 1 && In("measureHeads", words[end - 1])) end--;
        foreach (var (type, phrase) in phrases)
            if (end >= phrase.Length && Enumerable.Range(0, phrase.Length).All(i => words[end - phrase.Length + i] == phrase[i])) return type;
        var head = words[^1];
        // "proofing time", "soaking time": a time spent doing something is a number of minutes; "opening time" is a moment
        if (end >= 2 && words[end - 1] == "time" && words[end - 2] is { Length: > 5 } doing && doing.EndsWith("ing", StringComparison.Ordinal) && !In("momentModifiers", doing))
            return FieldType.Integer;
        var singularHead = Inflector.Singular(head);
        foreach (var (type, any, heads, first) in types)
        {
            if (words.Any(any.Contains)) return type;
            if (heads.Contains(head)) return type;
            if (words.Count > 1 && first.Contains(words[0])) return type;
        }
        // "contents" is a list of short texts before it is the plural of "content"
        foreach (var (type, _, heads, _) in types)
            if (type != FieldType.StringList && heads.Contains(singularHead)) return type;
        return null;
    }
}
