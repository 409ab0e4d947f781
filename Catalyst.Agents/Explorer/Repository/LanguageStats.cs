using System.Text.Json.Nodes;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>Files and lines of one language.</summary>
public sealed record LanguageCount(string Language, int Files, int Lines, double Percent);

/// <summary>
/// Files and lines per language, by file extension. Percentages are of the lines of code: documentation and
/// data formats (Markdown, JSON, YAML, XML) are counted but kept out of the shares, as the spec's example does.
/// </summary>
public static class LanguageStats
{
    public static IReadOnlyList<LanguageCount> Count(RepositorySnapshot snapshot, TechnologyCatalog catalog)
    {
        var counts = snapshot.Files
            .Select(f => (File: f, Language: catalog.Languages.TryGetValue(f.Extension, out var language) ? language : null))
            .Where(x => x.Language is not null)
            .GroupBy(x => x.Language!)
            .Select(g => (Language: g.Key, Files: g.Count(), Lines: g.Sum(x => x.File.LineCount)))
            .ToList();
        var codeLines = counts.Where(c => !catalog.DocumentationLanguages.Contains(c.Language)).Sum(c => c.Lines);
        return [.. counts
            .Select(c => new LanguageCount(c.Language, c.Files, c.Lines,
                catalog.DocumentationLanguages.Contains(c.Language) || codeLines == 0 ? 0 : Math.Round(100.0 * c.Lines / codeLines, 1)))
            .OrderByDescending(c => c.Percent).ThenByDescending(c => c.Lines).ThenBy(c => c.Language, StringComparer.Ordinal)];
    }

    public static JsonObject ToJson(IReadOnlyList<LanguageCount> counts) => new(counts.Select(c => KeyValuePair.Create(c.Language,
        (JsonNode?)new JsonObject { ["files"] = c.Files, ["lines"] = c.Lines, ["percent"] = c.Percent })));
}
