using System.Text.Json;

namespace Catalyst.Agents.Understanding;

/// <summary>The change grammar's word lists, loaded once from the embedded Data/changes.json.</summary>
public sealed class ChangeVocabulary
{
    static readonly Lazy<ChangeVocabulary> Shared = new(Load);

    public static ChangeVocabulary Default => Shared.Value;

    readonly Dictionary<string, HashSet<string>> lists;

    ChangeVocabulary(Dictionary<string, HashSet<string>> lists) => this.lists = lists;

    /// <summary>Whether <paramref name="word"/> is in the list named <paramref name="list"/> ("addVerbs", "fillers" ...).</summary>
    public bool In(string list, string word) => lists.TryGetValue(list, out var set) && set.Contains(word);

    /// <summary>The multi-word entries of a list ("get rid of"), as word sequences.</summary>
    public IEnumerable<string[]> Phrases(string list) => lists.TryGetValue(list, out var set) ? set.Select(p => p.Split(' ')) : [];

    static ChangeVocabulary Load()
    {
        using var stream = typeof(ChangeVocabulary).Assembly.GetManifestResourceStream("Catalyst.Understanding.changes.json")
            ?? throw new InvalidOperationException("The change grammar's data file changes.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        return new(document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array)
            .ToDictionary(p => p.Name, p => new HashSet<string>(p.Value.EnumerateArray().Select(v => v.GetString()!), StringComparer.Ordinal)));
    }
}
