using System.Text;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// Compares one parsed <see cref="AppSpec"/> with its corpus labels, part by part. Names (entities, fields,
/// sort and filter keys) compare case-insensitively and ignoring anything but letters and digits.
/// </summary>
public static class SpecComparison
{
    public static ItemScore Compare(CorpusItem item, AppSpec spec, double milliseconds)
    {
        var parts = new Dictionary<string, bool>();
        var mismatches = new List<string>();

        void Part(string part, bool right, Func<string> describe)
        {
            parts[part] = right;
            if (!right) mismatches.Add($"{part}: {describe()}");
        }

        var kind = KindName(spec.Kind);
        Part(CorpusScore.Kind, kind == item.Kind, () => $"expected {item.Kind}, got {kind}");

        var expectedEntities = item.Entities.Select(e => e.Name).ToList();
        var gotEntities = Understood(spec).Select(e => e.Name).ToList();
        Part(CorpusScore.Entities, SameSet(expectedEntities, gotEntities), () => Expected(expectedEntities, gotEntities));

        var fields = CompareFields(item, spec);
        Part(CorpusScore.Fields, fields.Problems.Count == 0, () => string.Join("; ", fields.Problems));

        var expectedRelations = item.Entities
            .SelectMany(e => (e.Fields ?? []).Where(f => f.Target is not null).Select(f => $"{e.Name}.{f.Name} -> {f.Target}")).ToList();
        var gotRelations = spec.Relations().Select(r => $"{Identifiers.NaturalTypeName(r.From)}.{Camel(r.Field)} -> {r.To}").ToList();
        Part(CorpusScore.Relations, SameSet(expectedRelations, gotRelations), () => Expected(expectedRelations, gotRelations));

        var gotFeatures = FeatureNames(spec).ToList();
        Part(CorpusScore.Features, SameSet(item.Features, gotFeatures), () => Expected(item.Features, gotFeatures));

        var presentation = ComparePresentation(item.Presentation, spec.Presentation);
        Part(CorpusScore.Presentation, presentation.Count == 0, () => string.Join("; ", presentation));

        if (item.NotUnderstood.Count > 0)
        {
            var missing = item.NotUnderstood
                .Where(w => !spec.Words.NotUnderstood.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
            Part(CorpusScore.NotUnderstood, missing.Count == 0,
                () => $"not listed [{string.Join(", ", missing)}]; listed [{string.Join(", ", spec.Words.NotUnderstood)}]");
        }

        var limited = spec.Limitations.Count > 0;
        Part(CorpusScore.Unsupported, limited == item.Unsupported, () => item.Unsupported
            ? "expected limitations, got none"
            : $"expected no limitations, got [{string.Join(" | ", spec.Limitations)}]");

        return new ItemScore(item, parts, mismatches, fields.Expected, fields.Got, fields.Matched, milliseconds);
    }

    /// <summary>"DateTime" -> "date_time", "UrlShortener" -> "url_shortener".</summary>
    public static string SnakeCase(string pascal)
    {
        var text = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    public static string KindName(AppKind kind) => SnakeCase(kind.ToString());

    public static string TypeName(FieldType type) => SnakeCase(type.ToString());

    /// <summary>Lower-case letters and digits only: "Deck_Id" and "deckId" are the same name.</summary>
    /// <summary>
    /// A name compared case- and punctuation-blind. A type name the generator had to rename because it is
    /// reserved in generated C# ("TaskItem", and "taskItemId" for a reference to it) is the same entity as the
    /// label's natural name ("Task").
    /// </summary>
    public static string Key(string name)
    {
        var natural = name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2
            ? Identifiers.NaturalTypeName(char.ToUpperInvariant(name[0]) + name[1..^2]) + "Id"
            : Identifiers.NaturalTypeName(name);
        return string.Concat(natural.Where(char.IsLetterOrDigit)).ToLowerInvariant();
    }

    /// <summary>Features as the corpus names them: auth, search, tags, totals, sort:&lt;field&gt;, filter:&lt;field&gt;.</summary>
    public static IEnumerable<string> FeatureNames(AppSpec spec)
    {
        if (spec.Features.Auth) yield return "auth";
        if (spec.Features.Search) yield return "search";
        if (spec.Features.Tags) yield return "tags";
        if (spec.Features.Aggregates.Count > 0) yield return "totals";
        var fields = spec.Entities.SelectMany(e => e.Fields).ToList();
        foreach (var name in fields.Where(f => f.Sortable).Select(f => FieldName(f)).Distinct()) yield return $"sort:{name}";
        foreach (var name in spec.Features.Filters.Distinct()) yield return $"filter:{name}";
    }

    static string FieldName(FieldSpec field) => field.JsonName.Length > 0 ? field.JsonName : Camel(field.Name);

    static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    static string FeatureKey(string feature) => feature.IndexOf(':') is var colon and > 0
        ? feature[..(colon + 1)].ToLowerInvariant() + Key(feature[(colon + 1)..])
        : Key(feature);

    static bool SameSet(IEnumerable<string> expected, IEnumerable<string> got) =>
        expected.Select(KeyOf).ToHashSet().SetEquals(got.Select(KeyOf));

    /// <summary>Names compare by <see cref="Key"/>, relation arrows and feature prefixes kept.</summary>
    static string KeyOf(string text) => text.Contains("->")
        ? string.Join("->", text.Split("->").Select(Key))
        : FeatureKey(text);

    /// <summary>
    /// The entities the request asked for: when the spec says part of the request cannot be built, the records it
    /// built instead (stated defaults, and the references that join them) are the fallback it names, not something
    /// it understood; only records with fields the request spelled out are.
    /// </summary>
    static IEnumerable<EntitySpec> Understood(AppSpec spec) =>
        spec.Limitations.Count == 0 ? spec.Entities : spec.Entities.Where(e => e.Fields.Any(f => f.Source != FieldSources.Default && f.Type != FieldType.Reference));

    static string Expected(IEnumerable<string> expected, IEnumerable<string> got) =>
        $"expected [{string.Join(", ", expected.Order())}], got [{string.Join(", ", got.Order())}]";

    sealed record FieldComparison(List<string> Problems, int Expected, int Got, int Matched);

    static FieldComparison CompareFields(CorpusItem item, AppSpec spec)
    {
        var problems = new List<string>();
        int expected = 0, got = 0, matched = 0;
        var parsed = Understood(spec).GroupBy(e => Key(e.Name)).ToDictionary(g => g.Key, g => g.First());
        var labelled = item.Entities.Select(e => Key(e.Name)).ToHashSet();

        foreach (var entity in item.Entities)
        {
            parsed.TryGetValue(Key(entity.Name), out var parsedEntity);
            if (entity.Fields is null)
            {
                var fields = parsedEntity?.Fields ?? [];
                if (fields.Count == 0 || fields.Any(f => f.Source != FieldSources.Default))
                    problems.Add($"{entity.Name}: expected the default fields, got " +
                        (parsedEntity is null ? "no such entity" : $"[{string.Join(", ", fields.Select(f => $"{Describe(f)} ({f.Source})"))}]"));
                continue;
            }

            expected += entity.Fields.Count;
            if (parsedEntity is null)
            {
                problems.Add($"{entity.Name}: no such entity, expected [{string.Join(", ", entity.Fields.Select(Describe))}]");
                continue;
            }

            got += parsedEntity.Fields.Count;
            var byName = parsedEntity.Fields.GroupBy(f => Key(FieldName(f))).ToDictionary(g => g.Key, g => g.First());
            foreach (var field in entity.Fields)
            {
                if (!byName.Remove(Key(field.Name), out var parsedField))
                    problems.Add($"{entity.Name}.{field.Name} missing ({Describe(field)})");
                else if (Difference(field, parsedField) is { } difference)
                    problems.Add($"{entity.Name}.{field.Name} expected {Describe(field)}, got {difference}");
                else
                    matched++;
            }
            foreach (var extra in byName.Values) problems.Add($"{entity.Name}.{FieldName(extra)} not asked for ({Describe(extra)})");
        }

        foreach (var extra in Understood(spec).Where(e => !labelled.Contains(Key(e.Name)) && e.Fields.Count > 0))
        {
            got += extra.Fields.Count;
            problems.Add($"{extra.Name} not asked for, with [{string.Join(", ", extra.Fields.Select(Describe))}]");
        }
        return new FieldComparison(problems, expected, got, matched);
    }

    /// <summary>Null when the parsed field matches the label in type and in every bound, option and target the label gives.</summary>
    static string? Difference(CorpusField label, FieldSpec field)
    {
        var same = TypeName(field.Type) == label.Type
            && (label.Minimum is null || label.Minimum == field.Minimum)
            && (label.Maximum is null || label.Maximum == field.Maximum)
            && (label.Options is null || label.Options.SequenceEqual(field.Options, StringComparer.OrdinalIgnoreCase))
            && (label.Target is null || Key(label.Target) == Key(field.References ?? ""));
        return same ? null : Describe(field);
    }

    static string Describe(CorpusField f) => f.Type switch
    {
        "reference" => $"{f.Name}: reference -> {f.Target}",
        "enum" => $"{f.Name}: enum ({string.Join("|", f.Options ?? [])})",
        _ when f.Minimum is not null || f.Maximum is not null => $"{f.Name}: {f.Type} {f.Minimum}..{f.Maximum}",
        _ => $"{f.Name}: {f.Type}",
    };

    static string Describe(FieldSpec f) => f.Type switch
    {
        FieldType.Reference => $"{FieldName(f)}: reference -> {f.References}",
        FieldType.Enum => $"{FieldName(f)}: enum ({string.Join("|", f.Options)})",
        _ when f.Minimum is not null || f.Maximum is not null => $"{FieldName(f)}: {TypeName(f.Type)} {f.Minimum}..{f.Maximum}",
        _ => $"{FieldName(f)}: {TypeName(f.Type)}",
    };

    static readonly string[] PresentationKeys = ["title", "theme", "background", "accent", "text"];

    /// <summary>Each labelled key equal; every key the label does not name (all of them when unlabelled) null.</summary>
    static List<string> ComparePresentation(IReadOnlyDictionary<string, string>? label, PresentationSpec got)
    {
        var problems = new List<string>();
        foreach (var key in PresentationKeys)
        {
            string? expected = label?.GetValueOrDefault(key);
            var actual = key switch
            {
                "title" => got.Title,
                "theme" => got.Theme,
                "background" => got.Background,
                "accent" => got.Accent,
                _ => got.Text,
            };
            var comparison = key == "title" ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            if (!string.Equals(expected, actual, comparison))
                problems.Add($"{key} expected {expected ?? "null"}, got {actual ?? "null"}");
        }
        return problems;
    }
}
