using System.Collections.Concurrent;
using System.Globalization;
using Humanizer;

namespace Catalyst.Agents.Understanding;

/// <summary>English singular/plural (Humanizer) and identifier casing, enough for entity and field names.</summary>
public static class Inflector
{
    /// <summary>Words Humanizer would change that name one thing here ("data" stays data, "news" stays news).</summary>
    static readonly HashSet<string> Invariant = new(StringComparer.Ordinal) { "data", "news", "series", "species", "status", "bus", "gas", "canvas", "analysis", "basis", "sms", "dns", "os", "cms", "crm", "pos", "this", "its", "is", "was", "has", "as", "us", "yes" };

    static readonly ConcurrentDictionary<string, string> Singulars = new(StringComparer.Ordinal);

    public static string Singular(string word)
    {
        var w = word.ToLowerInvariant();
        // "tennis", "analysis", "axis": an English plural never ends in -is
        if (w.Length < 3 || Invariant.Contains(w) || !char.IsAsciiLetter(w[^1]) || w.EndsWith("is", StringComparison.Ordinal)) return w;
        if (Singulars.TryGetValue(w, out var known)) return known;
        var singular = w.Singularize(inputIsKnownToBePlural: false).ToLowerInvariant();
        if (Singulars.Count < 50_000) Singulars[w] = singular;
        return singular;
    }

    public static string Plural(string word)
    {
        var w = word.ToLowerInvariant();
        if (Invariant.Contains(w)) return w;
        return w.Pluralize(inputIsKnownToBeSingular: false).ToLowerInvariant();
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
