using Humanizer;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// The sentence that says what the offline generator could not build and what it built instead: "The offline
/// generator cannot build games or charts and dashboards; it built a records app for contests and contest photos
/// instead." Capabilities are named as scope.json names them, records in the plural, lists with "or" and "and".
/// </summary>
public static class ScopeNotice
{
    public static string For(IEnumerable<Capability> capabilities, IReadOnlyList<EntitySpec> built) =>
        $"The offline generator cannot build {List(capabilities.Select(c => c.Name), "or")}; it built {Built(built)} instead.";

    /// <summary>"a records app for books", "... for contests and contest photos", "... for teams, players and matches".</summary>
    public static string Built(IReadOnlyList<EntitySpec> entities) =>
        entities.Count == 0 ? "nothing" : "a records app for " + List(entities.Select(e => PluralOf(e.Label.Length > 0 ? e.Label : e.Name)), "and");

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string List(IEnumerable<string> items, string conjunction)
    {
        var all = items.Distinct(StringComparer.Ordinal).ToList();
        return all.Count switch
        {
            0 => "",
            1 => all[0],
            _ => $"{string.Join(", ", all[..^1])} {conjunction} {all[^1]}",
        };
    }

    /// <summary>"contest photo" -> "contest photos": the last word of the label takes the plural.</summary>
    static string PluralOf(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return label;
        var last = words[^1];
        // the label is singular: "bus" -> "buses", "analysis" -> "analyses"; "information" stays
        var plural = last.ToLowerInvariant().Pluralize(inputIsKnownToBeSingular: true);
        // keep the label's own casing ("TV show" -> "TV shows")
        words[^1] = last.All(char.IsUpper) ? last + "s" : char.IsUpper(last[0]) ? char.ToUpperInvariant(plural[0]) + plural[1..] : plural;
        return string.Join(' ', words);
    }
}
