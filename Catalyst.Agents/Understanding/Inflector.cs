using System.Globalization;

namespace Catalyst.Agents.Understanding;

/// <summary>English singular/plural and identifier casing, enough for entity and field names.</summary>
public static class Inflector
{
    static readonly Dictionary<string, string> IrregularPlurals = new(StringComparer.Ordinal)
    {
        ["person"] = "people", ["child"] = "children", ["man"] = "men", ["woman"] = "women", ["mouse"] = "mice",
        ["goose"] = "geese", ["foot"] = "feet", ["tooth"] = "teeth", ["datum"] = "data", ["series"] = "series",
        ["species"] = "species", ["news"] = "news", ["sheep"] = "sheep", ["fish"] = "fish",
    };

    /// <summary>Nouns ending in "ie", whose plural is not "-y" + "ies" (movie, not movy).</summary>
    static readonly HashSet<string> IeWords = new(StringComparer.Ordinal)
    {
        "movie", "cookie", "smoothie", "zombie", "rookie", "pie", "tie", "lie", "brownie", "selfie", "calorie", "genie",
        "prairie", "hoodie", "veggie", "newbie", "goalie", "freebie", "auntie", "birdie", "sortie", "budgie", "hippie", "indie",
    };

    static readonly Dictionary<string, string> IrregularSingulars =
        IrregularPlurals.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Singular(string word)
    {
        var w = word.ToLowerInvariant();
        if (IrregularSingulars.TryGetValue(w, out var single)) return single;
        if (IrregularPlurals.ContainsKey(w)) return w;
        if (w.EndsWith("ies") && IeWords.Contains(w[..^1])) return w[..^1];
        if (w.EndsWith("ies") && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("sses") || w.EndsWith("shes") || w.EndsWith("ches") || w.EndsWith("xes") || w.EndsWith("zes")) return w[..^2];
        if (w.EndsWith("ss") || w.EndsWith("us") || w.EndsWith("is")) return w;
        if (w.EndsWith('s') && w.Length > 3) return w[..^1];
        return w;
    }

    public static string Plural(string word)
    {
        var w = word.ToLowerInvariant();
        if (IrregularPlurals.TryGetValue(w, out var plural)) return plural;
        if (w.EndsWith('y') && w.Length > 1 && !"aeiou".Contains(w[^2])) return w[..^1] + "ies";
        if (w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("ch") || w.EndsWith("sh")) return w + "es";
        return w + "s";
    }

    public static bool LooksPlural(string word) => !string.Equals(Singular(word), word.ToLowerInvariant(), StringComparison.Ordinal);

    public static string Pascal(IEnumerable<string> words) =>
        string.Concat(words.Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));

    public static string Camel(IEnumerable<string> words)
    {
        var pascal = Pascal(words);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    public static string Kebab(IEnumerable<string> words) => string.Join('-', words.Select(w => w.ToLowerInvariant()));

    public static string Title(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant())));
}
