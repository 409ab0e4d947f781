using System.Text.RegularExpressions;

namespace Catalyst.Tests.Understanding;

/// <summary>The corpus itself follows its format (docs/understanding.md, "The corpus").</summary>
public sealed partial class CorpusFormTests
{
    static readonly HashSet<string> Kinds = ["crud", "hello_world", "calculator", "counter", "url_shortener", "timer", "poll", "quiz", "kanban"];

    static readonly HashSet<string> Types =
        ["string", "text", "integer", "decimal", "money", "boolean", "date", "date_time", "email", "url", "phone", "string_list", "enum", "reference"];

    static readonly HashSet<string> PresentationKeys = ["title", "theme", "background", "accent", "text"];

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex Colour();

    [GeneratedRegex("^(auth|search|tags|totals|(sort|filter):[a-z][A-Za-z0-9]*)$")]
    private static partial Regex Feature();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex Pascal();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex Camel();

    [Fact]
    public void Corpus_has_enough_requests_with_unique_ids_and_prompts()
    {
        var development = Corpus.Load(Corpus.Development);
        var heldOut = Corpus.Load(Corpus.HeldOut);
        var all = development.Concat(heldOut).ToList();

        Assert.True(heldOut.Count >= 60, $"held-out has {heldOut.Count} requests");
        Assert.True(all.Count >= 150, $"the corpus has {all.Count} requests");
        Assert.All(development, i => Assert.Matches("^dev-[0-9]{3}$", i.Id));
        Assert.All(heldOut, i => Assert.Matches("^heldout-[0-9]{3}$", i.Id));
        Assert.Empty(all.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(all.GroupBy(i => i.Prompt.Trim().ToLowerInvariant()).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_corpus_label_uses_known_kinds_types_features_and_colours()
    {
        var problems = new List<string>();
        foreach (var item in Corpus.Load(Corpus.Development).Concat(Corpus.Load(Corpus.HeldOut)))
        {
            void Check(bool ok, string problem)
            {
                if (!ok) problems.Add($"{item.Id}: {problem}");
            }

            Check(Kinds.Contains(item.Kind), $"unknown kind {item.Kind}");
            Check(item.Kind == "crud" || item.Entities.Count == 0, "an archetype has no entities");
            Check(!item.Unsupported || (item.Kind == "crud" && item.Entities.Count == 0), "an unsupported request is crud with no entities");
            var entityNames = item.Entities.Select(e => e.Name).ToHashSet();
            Check(entityNames.Count == item.Entities.Count, "entity names repeat");
            var fieldNames = new HashSet<string>();
            foreach (var entity in item.Entities)
            {
                Check(Pascal().IsMatch(entity.Name), $"entity {entity.Name} is not PascalCase");
                foreach (var field in entity.Fields ?? [])
                {
                    fieldNames.Add(field.Name);
                    var name = $"{entity.Name}.{field.Name}";
                    Check(Camel().IsMatch(field.Name), $"{name} is not camelCase");
                    Check(Types.Contains(field.Type), $"{name} has unknown type {field.Type}");
                    Check((field.Type == "reference") == (field.Target is not null), $"{name}: a reference, and only a reference, has a target");
                    Check(field.Target is null || entityNames.Contains(field.Target), $"{name} refers to {field.Target}, which is not labelled");
                    Check(field.Target is null || field.Name == char.ToLowerInvariant(field.Target[0]) + field.Target[1..] + "Id", $"{name} is not named <entity>Id");
                    Check((field.Type == "enum") == (field.Options is { Count: > 0 }), $"{name}: an enum, and only an enum, has options");
                    Check(field.Options is null || field.Options.All(o => o == o.ToLowerInvariant()), $"{name} options are not lower-case");
                    Check(field.Minimum is null && field.Maximum is null || field.Type == "integer", $"{name}: only an integer has bounds");
                }
            }
            var defaults = item.Entities.Any(e => e.ExpectsDefaults);
            foreach (var feature in item.Features)
            {
                Check(Feature().IsMatch(feature), $"unknown feature {feature}");
                if (feature.Split(':') is [_, var field])
                    Check(defaults || fieldNames.Contains(field), $"{feature} names no labelled field");
            }
            foreach (var (key, value) in item.Presentation ?? new Dictionary<string, string>())
            {
                Check(PresentationKeys.Contains(key), $"unknown presentation key {key}");
                Check(key is "title" || key is "theme" && value is "light" or "dark" || key is not ("title" or "theme") && Colour().IsMatch(value),
                    $"presentation {key} = {value} is not a theme or #rrggbb colour");
            }
            Check(item.Presentation is null || item.Presentation.Count > 0, "an empty presentation is null");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
