using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>How well a README serves a newcomer: which of the usual sections it has, scored out of 100.</summary>
public sealed record ReadmeQuality(string? File, int Lines, IReadOnlyList<string> Sections, IReadOnlyList<string> Missing, int Score);

/// <summary>What the history shows, as far as the clone reaches: commits, authors, first and last commit, commits in the last 90 days.</summary>
public sealed record CommitActivity(int Commits, int Authors, DateTimeOffset? First, DateTimeOffset? Last, int LastNinetyDays, bool Truncated)
{
    public JsonObject ToJson() => new()
    {
        ["commits"] = Commits, ["authors"] = Authors, ["first_commit"] = First, ["last_commit"] = Last,
        ["commits_last_90_days"] = LastNinetyDays, ["history_truncated"] = Truncated,
    };
}

/// <summary>The repository's licence, README and history.</summary>
public static partial class RepositoryHealth
{
    static readonly (string Section, Regex Pattern)[] ReadmeSections =
    [
        ("description", DescriptionLine()),
        ("installation", new(@"(?im)^#+.*\b(install|setup|set up|getting started|prerequisites|requirements)\b", RegexOptions.Compiled)),
        ("usage", new(@"(?im)^#+.*\b(usage|run|running|how to|quick ?start|api)\b", RegexOptions.Compiled)),
        ("tests", new(@"(?im)^#+.*\b(test|tests|testing)\b", RegexOptions.Compiled)),
        ("code examples", new(@"(?m)^(```|    \S)", RegexOptions.Compiled)),
        ("licence", new(@"(?im)^#+.*\b(licen[cs]e)\b", RegexOptions.Compiled)),
    ];

    /// <summary>The licence by its text (LICENSE, COPYING, or package.json's "license"), or null when none is found.</summary>
    public static string? Licence(RepositorySnapshot snapshot, TechnologyCatalog catalog)
    {
        var file = snapshot.Files.FirstOrDefault(f => !f.Path.Contains('/') && LicenceFile().IsMatch(f.Name));
        if (file is not null)
            return catalog.Licences.FirstOrDefault(l => file.Content.Contains(l.Key, StringComparison.OrdinalIgnoreCase)).Value ?? $"unrecognised ({file.Path})";
        var package = snapshot.Find("package.json");
        return package is not null && PackageLicence().Match(package.Content) is { Success: true } m ? m.Groups[1].Value : null;
    }

    public static ReadmeQuality Readme(RepositorySnapshot snapshot)
    {
        var readme = snapshot.Files.FirstOrDefault(f => !f.Path.Contains('/') && f.Name.StartsWith("README", StringComparison.OrdinalIgnoreCase));
        if (readme is null) return new(null, 0, [], [.. ReadmeSections.Select(s => s.Section)], 0);
        var present = ReadmeSections.Where(s => s.Pattern.IsMatch(readme.Content)).Select(s => s.Section).ToList();
        var missing = ReadmeSections.Select(s => s.Section).Except(present).ToList();
        // Sections carry the score; a README of a handful of lines cannot hold them, however headed.
        var score = (int)Math.Round(100.0 * present.Count / ReadmeSections.Length);
        if (readme.LineCount < 10) score = Math.Min(score, 40);
        return new(readme.Path, readme.LineCount, present, missing, score);
    }

    /// <summary>The history of HEAD in a git checkout; null when the tree is not a repository.</summary>
    public static CommitActivity? Commits(string root, DateTimeOffset now, int depthLimit)
    {
        if (!LibGit2Sharp.Repository.IsValid(root)) return null;
        using var repository = new LibGit2Sharp.Repository(root);
        if (repository.Head.Tip is null) return new(0, 0, null, null, 0, false);
        var commits = repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = repository.Head }).ToList();
        return new CommitActivity(
            commits.Count,
            commits.Select(c => c.Author.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            commits.Min(c => c.Author.When), commits.Max(c => c.Author.When),
            commits.Count(c => c.Author.When >= now.AddDays(-90)),
            repository.Info.IsShallow || commits.Count >= depthLimit);
    }

    [GeneratedRegex(@"^(LICEN[CS]E|COPYING)(\..*)?$", RegexOptions.IgnoreCase)] private static partial Regex LicenceFile();
    [GeneratedRegex(@"""license""\s*:\s*""([^""]+)""")] private static partial Regex PackageLicence();
    [GeneratedRegex(@"(?m)^[A-Za-z][^\n]{30,}")] private static partial Regex DescriptionLine();
}
