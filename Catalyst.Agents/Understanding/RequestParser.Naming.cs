using System.Text.RegularExpressions;
using Catalyst.Core.Projects;

namespace Catalyst.Agents.Understanding;

public sealed partial class RequestParser
{
    /// <summary>"the total per category", "total amount by month", "spending per category".</summary>
    void ReadAggregates(AppSpec spec)
    {
        var text = Spaces().Replace(NonText().Replace(spec.Prompt.ToLowerInvariant(), " "), " ");
        foreach (Match m in Aggregate().Matches(text))
        {
            var groupWord = Inflector.Singular(m.Groups["group"].Value);
            var entity = spec.Entities.FirstOrDefault(e => e.Fields.Any(f => f.Type is FieldType.Money or FieldType.Decimal or FieldType.Integer));
            if (entity is null) continue;
            var groupName = Identifiers.MemberName([groupWord], entity.Name);
            var group = entity.Fields.FirstOrDefault(f => f.Name == groupName);
            if (entity.References.Any(r => r.Label == groupWord) || group is { Type: not (FieldType.String or FieldType.Enum) })
            {
                spec.Notes.Add($"Totals per {m.Groups["group"].Value} were not generated: totals group by a text field, and {m.Groups["group"].Value} is not one.");
                continue;
            }
            if (group is null && groupName is not null && entity.Fields.Count < MaxFields)
            {
                group = new EntityBuilder(lexicon, spec).Field(new FieldDraft([groupWord], []) { Type = FieldType.String }, entity.Name)!;
                entity.Fields.Add(group);
                spec.Notes.Add($"Added {group.Label} to {entity.Label} to total by it.");
            }
            if (group is null) continue;
            group.Filterable = true;
            var named = m.Groups["sum"].Value;
            var sum = entity.Fields.FirstOrDefault(f => f.JsonName == named && f.Type is FieldType.Money or FieldType.Decimal or FieldType.Integer)
                ?? entity.Fields.First(f => f.Type is FieldType.Money or FieldType.Decimal or FieldType.Integer);
            if (spec.Features.Aggregates.Any(a => a.Entity == entity.Name && a.GroupBy == group.Name)) continue;
            spec.Features.Aggregates.Add(new AggregateSpec { Entity = entity.Name, SumField = sum.Name, GroupBy = group.Name });
        }
    }

    void Name(AppSpec spec, string? projectName, AppPhrase? app)
    {
        var subject = app?.Subject.Where(t => !Gibberish(t.Lower) && (!Generic(spec) || lexicon.Knows(t.Lower))).Select(t => t.Lower).ToList() ?? [];
        List<string> words = spec.Kind switch
        {
            AppKind.HelloWorld => ["hello", "world"],
            AppKind.Calculator => ["calculator"],
            AppKind.Counter => ["counter"],
            AppKind.UrlShortener when subject.Count == 0 => ["url", "shortener"],
            _ when app is { HeadIsAppWord: true } && subject.Count > 0 => [.. subject, app.Head.Lower],
            _ when app is { HeadIsAppWord: true } && !lexicon.In("genericAppWords", app.Head.Lower) => [app.Head.Lower],
            _ when subject.Count > 1 => subject,
            _ when subject.Count == 1 => [.. subject, "app"],
            AppKind.Crud => [.. spec.Entities[0].Label.Split(' '), "app"],
            _ => [.. spec.Kind.ToString().ToLowerInvariant().Split(' '), "app"],
        };
        var title = spec.Presentation.Title;
        var slug = ProjectSlug.From(projectName) ?? ProjectSlug.From(title) ?? ProjectSlug.From(string.Join(' ', words)) ?? "app";
        List<string> titleWords = ProjectSlug.From(projectName) is not null ? [.. slug.Split('-')] : title is not null && ProjectSlug.From(title) is not null ? [.. title.Split(' ')] : words;
        spec.Name = slug;
        spec.Title = title is not null && ProjectSlug.From(projectName) is null ? title : Inflector.Title(titleWords);
        spec.Identifier = Identifiers.AppName([.. slug.Split('-')], spec.Entities.SelectMany(e => new[] { e.Name, e.Plural }));
    }

    internal static string Describe(AppSpec spec)
    {
        if (spec.Kind != AppKind.Crud)
            return ArchetypeCatalog.Description(spec.Kind) ?? spec.Kind switch
            {
                AppKind.HelloWorld => "A web app that greets you by name.",
                AppKind.Counter => "A web counter you can increment, decrement and reset.",
                AppKind.Calculator => "A web calculator for adding, subtracting, multiplying and dividing two numbers.",
                _ => "A URL shortener: turn long links into short codes that redirect.",
            };
        var entities = string.Join("; ", spec.Entities.Select(e => $"{Inflector.Plural(e.Label.Split(' ')[^1])} ({string.Join(", ", e.Fields.Select(f => f.Label))})"));
        var features = new List<string>();
        if (spec.Features.Auth) features.Add("user accounts where each user sees only their own records");
        if (spec.Features.Search) features.Add("search");
        if (spec.Features.Tags) features.Add("tags");
        features.AddRange(spec.Features.Aggregates.Select(a => $"totals of {spec.Entity(a.Entity)!.Fields.First(f => f.Name == a.SumField).Label} per {spec.Entity(a.Entity)!.Fields.First(f => f.Name == a.GroupBy).Label}"));
        return $"Keeps track of {entities}." + (features.Count > 0 ? $" With {string.Join(", ", features)}." : "");
    }

    /// <summary>Every content word gets a role, or is listed as not understood (with a note saying so).</summary>
    void AccountForWords(List<Token> tokens, AppSpec spec, AppPhrase? app)
    {
        var entityWords = spec.Entities.SelectMany(e => e.Label.Split(' ').Select(w => (Word: w, e.Name))).ToList();
        var fieldWords = spec.Entities.SelectMany(e => e.Fields.Where(f => f.Source == FieldSources.Request).SelectMany(f => f.Label.Split(' ').Select(w => (Word: w, Role: $"field:{e.Name}.{f.JsonName}")))).ToList();
        foreach (var t in app?.Tokens ?? [])
            if (!Gibberish(t.Lower) && (!Generic(spec) || lexicon.Knows(t.Lower)) && !entityWords.Any(e => e.Word == Inflector.Singular(t.Lower))) t.Role ??= "app-name";
        foreach (var t in tokens.Where(t => t.IsWord))
        {
            if (t.Role is null)
            {
                var singular = Inflector.Singular(t.Lower);
                var entity = entityWords.FirstOrDefault(e => e.Word == singular || e.Word == t.Lower);
                var field = fieldWords.FirstOrDefault(f => f.Word == t.Lower || f.Word == singular);
                t.Role = entity.Name is not null ? "entity:" + entity.Name : field.Role;
            }
            if (lexicon.IsFunctionWord(t.Lower) && (t.Role is null || t.Role.StartsWith("field:", StringComparison.Ordinal) || t.Role.StartsWith("entity:", StringComparison.Ordinal))) continue;
            if (t.Role is not null) spec.Words.Used.Add(new WordUse { Word = t.Lower, Role = t.Role });
            else if (lexicon.IsFunctionWord(t.Lower)) continue;
            else if (lexicon.Knows(t.Lower) && !Gibberish(t.Lower) && !t.PassedOver) spec.Words.Used.Add(new WordUse { Word = t.Lower, Role = "context" });
            else if (!spec.Words.NotUnderstood.Contains(t.Lower)) spec.Words.NotUnderstood.Add(t.Lower);
        }
        if (spec.Words.NotUnderstood.Count > 0)
            spec.Notes.Add($"Not understood, so not used: {string.Join(", ", spec.Words.NotUnderstood.Take(20))}.");
    }

    /// <summary>The app fell back to generic items: nothing the request said named what it keeps.</summary>
    static bool Generic(AppSpec spec) => spec.Kind == AppKind.Crud && spec.Entities is [{ Name: "Item" } item] && item.Fields.All(f => f.Source == FieldSources.Default);

    [GeneratedRegex(@"[^a-z0-9,.;\s]")] private static partial Regex NonText();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
    [GeneratedRegex(@"\b(?:total|totals|sum|sums|spending|spent|summary|summaries)\s+(?:of\s+)?(?:the\s+)?(?:(?<sum>[a-z]+)\s+)?(?:per|by|for each|grouped by|in each)\s+(?<group>[a-z]+)")] private static partial Regex Aggregate();
}
