using System.Text.RegularExpressions;
using Catalyst.Core.Projects;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// Reads an ordinary request ("an expense tracker with amount, category and date, showing the total per
/// category") into an <see cref="AppSpec"/>: the kind of app, its entities, fields and their types, relations
/// and features. Deterministic and offline. Words it does not know never fail it: it falls back to a generic
/// entity and records every assumption in <see cref="AppSpec.Notes"/>.
/// </summary>
public sealed partial class RequestParser
{
    public const int MaxEntities = 12;
    public const int MaxFields = 20;

    public AppSpec Parse(string prompt, string? projectName = null)
    {
        var text = Normalize(prompt);
        var spec = new AppSpec { Prompt = prompt.Trim(), Stack = NodeWords().IsMatch(text) ? AppStack.Node : AppStack.Dotnet };
        spec.Kind = KindOf(text);
        ReadFeatures(text, spec.Features);

        var subject = SubjectOf(text);
        if (spec.Kind == AppKind.Crud) ReadEntities(text, subject, spec);
        else if (spec.Kind == AppKind.UrlShortener) subject ??= ["url", "shortener"];

        Name(spec, projectName, subject);
        spec.Description = Describe(spec);
        return spec;
    }

    static string Normalize(string prompt)
    {
        var lower = prompt.ToLowerInvariant().Replace("to-do", "todo").Replace("to do", "todo").Replace("e-mail", "email");
        lower = NonText().Replace(lower, " ");
        return Spaces().Replace(lower, " ").Trim();
    }

    static AppKind KindOf(string text) =>
        HelloWorld().IsMatch(text) ? AppKind.HelloWorld
        : Shortener().IsMatch(text) ? AppKind.UrlShortener
        : Calculator().IsMatch(text) ? AppKind.Calculator
        : Counter().IsMatch(text) ? AppKind.Counter
        : AppKind.Crud;

    static void ReadFeatures(string text, FeatureSet features)
    {
        features.Auth = AuthWords().IsMatch(text);
        features.Ownership = features.Auth;
        features.Search = SearchWords().IsMatch(text);
        features.Tags = TagWords().IsMatch(text);
    }

    /// <summary>The noun before the app word: "expense" in "an expense tracker", "recipe" in "a recipe book".</summary>
    static List<string>? SubjectOf(string text)
    {
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            if (!Vocabulary.AppWords.Contains(words[i]) || i == 0) continue;
            var subject = new List<string>();
            for (var j = i - 1; j >= 0 && subject.Count < 2; j--)
            {
                if (Vocabulary.StopWords.Contains(words[j]) || Vocabulary.FeatureWords.Contains(words[j]) || Vocabulary.AppWords.Contains(words[j])) break;
                subject.Insert(0, words[j]);
            }
            if (subject.Count > 0) return subject;
        }
        return null;
    }

    void ReadEntities(string text, List<string>? subject, AppSpec spec)
    {
        var entities = new List<(List<string> Name, List<List<string>> Fields)>();

        // "recipes have a title, ingredients and steps"
        foreach (Match m in Definition().Matches(text))
        {
            var noun = Words(m.Groups["noun"].Value);
            if (noun.Count == 0 || Vocabulary.StopWords.Contains(noun[^1]) || Vocabulary.FeatureWords.Contains(noun[^1])) continue;
            entities.Add(([Inflector.Singular(noun[^1])], Items(m.Groups["list"].Value, spec.Features)));
        }

        // "... with amount, category and date" or "... with books, members and loans"
        var with = With().Match(text);
        if (with.Success)
        {
            var items = Items(with.Groups["list"].Value, spec.Features);
            if (items.Count >= 2 && items.All(i => i.Count == 1 && Inflector.LooksPlural(i[0]) && !Vocabulary.FeatureWords.Contains(i[0])))
                entities.AddRange(items.Select(i => (new List<string> { Inflector.Singular(i[0]) }, new List<List<string>>())));
            else if (items.Count > 0 && subject is not null)
                entities.Insert(0, (Singular(subject), items));
        }

        if (subject is not null && !entities.Any(e => SameWords(e.Name, Singular(subject))) && (entities.Count == 0 || LooksLikeData(subject)))
            entities.Insert(0, (Singular(subject), []));

        if (entities.Count == 0)
        {
            var guess = Words(text).FirstOrDefault(w => Vocabulary.DefaultFields.ContainsKey(Inflector.Singular(w)));
            if (guess is not null) entities.Add(([Inflector.Singular(guess)], []));
            else
            {
                entities.Add((["item"], []));
                spec.Notes.Add("Could not tell what the app should keep track of, so it manages generic items (title, description, done). Name the things to track, e.g. \"a reading list with books that have a title and an author\".");
            }
        }

        foreach (var (name, fields) in Merge(entities))
        {
            if (spec.Entities.Count == MaxEntities)
            {
                spec.Notes.Add($"Only the first {MaxEntities} kinds of record were generated; the request named {Merge(entities).Count}.");
                break;
            }
            if (spec.Features.Auth && name is ["user"])
            {
                spec.Notes.Add("Users come with the login feature, so they are not a separate list.");
                continue;
            }
            var entity = Entity(name, fields, spec.Notes);
            if (spec.Entities.Any(e => e.Name == entity.Name || e.Route == entity.Route)) continue; // "movie" and "movies" are one
            spec.Entities.Add(entity);
        }
        Relate(spec);
        ReadAggregates(text, spec);
    }

    static bool LooksLikeData(List<string> subject) => Vocabulary.DefaultFields.ContainsKey(Inflector.Singular(subject[^1]));

    static List<(List<string> Name, List<List<string>> Fields)> Merge(List<(List<string> Name, List<List<string>> Fields)> entities)
    {
        var merged = new List<(List<string> Name, List<List<string>> Fields)>();
        foreach (var (name, fields) in entities)
        {
            var existing = merged.FindIndex(m => SameWords(m.Name, name));
            if (existing < 0) merged.Add((name, [.. fields]));
            else merged[existing].Fields.AddRange(fields.Where(f => !merged[existing].Fields.Any(g => SameWords(g, f))));
        }
        return merged;
    }

    static EntitySpec Entity(List<string> name, List<List<string>> fieldWords, List<string> notes)
    {
        var singular = name.Select(Inflector.Singular).ToList();
        var typeName = Identifiers.TypeName(singular);
        var entity = new EntitySpec
        {
            Name = typeName,
            Plural = Identifiers.TypeName([.. singular[..^1], Inflector.Plural(singular[^1])]) is var p && p != typeName ? p : typeName + "Items",
            Route = Inflector.Kebab([.. singular[..^1], Inflector.Plural(singular[^1])]),
            Label = string.Join(' ', singular),
        };
        if (fieldWords.Count == 0)
        {
            var key = singular[^1];
            if (Vocabulary.DefaultFields.TryGetValue(key, out var defaults)) fieldWords = [.. defaults.Select(Words)];
            else
            {
                fieldWords = [["name"], ["description"]];
                notes.Add($"No fields were named for {entity.Label}; it has a name and a description.");
            }
        }
        foreach (var words in fieldWords)
        {
            if (entity.Fields.Count == MaxFields) { notes.Add($"{entity.Label} keeps its first {MaxFields} fields only."); break; }
            var field = Field(words, entity.Name);
            if (field is null || entity.Fields.Any(f => f.Name == field.Name)) continue;
            entity.Fields.Add(field);
        }
        // Something must identify a record: money already does; otherwise its first piece of text.
        var first = entity.Fields.FirstOrDefault(f => f.Type is FieldType.String or FieldType.Text);
        if (first is not null && !entity.Fields.Any(f => f.Required)) first.Required = true;
        if (entity.Fields.Count == 0)
        {
            var fallback = Field(["name"], entity.Name)!;
            fallback.Required = true;
            entity.Fields.Add(fallback);
        }
        return entity;
    }

    static FieldSpec? Field(List<string> words, string entityName)
    {
        words = [.. words.Where(w => !Vocabulary.StopWords.Contains(w))];
        if (words.Count == 0 || words.Count > 4) return null;
        var name = Identifiers.MemberName(words, entityName);
        if (name is null) return null;
        var type = Vocabulary.TypeOf(words);
        return new FieldSpec
        {
            Name = name,
            JsonName = char.ToLowerInvariant(name[0]) + name[1..],
            Label = string.Join(' ', words),
            Type = type,
            Required = type is FieldType.Money,
            Filterable = type == FieldType.Boolean || (type == FieldType.String && Vocabulary.IsCategorical(words[^1])),
        };
    }

    /// <summary>Linking records ("loans") reference the others; a field named like an entity becomes a reference.</summary>
    static void Relate(AppSpec spec)
    {
        foreach (var entity in spec.Entities)
        {
            foreach (var field in entity.Fields.ToList())
            {
                var target = spec.Entities.FirstOrDefault(e => e != entity && string.Equals(e.Label, Inflector.Singular(field.Label), StringComparison.Ordinal));
                if (target is not null) MakeReference(entity, field, target);
            }
            if (!Vocabulary.LinkingNouns.Contains(entity.Label.Split(' ')[^1]) || spec.Entities.Count < 2) continue;
            var insertAt = 0;
            foreach (var other in spec.Entities.Where(o => o != entity && !Vocabulary.LinkingNouns.Contains(o.Label.Split(' ')[^1])).Take(3))
            {
                if (entity.References.Any(r => r.References == other.Name)) continue;
                var reference = new FieldSpec();
                MakeReference(entity, reference, other);
                entity.Fields.Insert(insertAt++, reference);
            }
        }
    }

    static void MakeReference(EntitySpec owner, FieldSpec field, EntitySpec target)
    {
        field.Name = target.Name + "Id";
        field.JsonName = char.ToLowerInvariant(target.Name[0]) + target.Name[1..] + "Id";
        field.Label = target.Label;
        field.Type = FieldType.Reference;
        field.References = target.Name;
        field.Required = true;
        field.Filterable = true;
        owner.Fields.RemoveAll(f => f != field && f.Name == field.Name);
    }

    /// <summary>"the total per category", "total amount by month", "spending per category".</summary>
    static void ReadAggregates(string text, AppSpec spec)
    {
        foreach (Match m in Aggregate().Matches(text))
        {
            var groupWords = Words(m.Groups["group"].Value);
            var entity = spec.Entities.FirstOrDefault(e => e.Fields.Any(f => f.Type is FieldType.Money or FieldType.Decimal or FieldType.Integer));
            if (entity is null || groupWords.Count == 0) continue;
            var groupName = Identifiers.MemberName([Inflector.Singular(groupWords[^1])], entity.Name);
            var group = entity.Fields.FirstOrDefault(f => f.Name == groupName);
            if (entity.References.Any(r => r.Label == Inflector.Singular(groupWords[^1])) || group is { Type: not FieldType.String })
            {
                spec.Notes.Add($"Totals per {string.Join(' ', groupWords)} were not generated: totals group by a text field, and {string.Join(' ', groupWords)} is not one.");
                continue;
            }
            if (group is null && groupName is not null && entity.Fields.Count < MaxFields)
            {
                group = Field([Inflector.Singular(groupWords[^1])], entity.Name)!;
                group.Type = FieldType.String;
                entity.Fields.Add(group);
            }
            if (group is null) continue;
            group.Filterable = group.Type is FieldType.String or FieldType.Boolean or FieldType.Reference;
            var named = m.Groups["sum"].Value;
            var sum = entity.Fields.FirstOrDefault(f => f.JsonName == named && f.Type is FieldType.Money or FieldType.Decimal or FieldType.Integer)
                ?? entity.Fields.First(f => f.Type is FieldType.Money or FieldType.Decimal or FieldType.Integer);
            if (spec.Features.Aggregates.Any(a => a.Entity == entity.Name && a.GroupBy == group.Name)) continue;
            spec.Features.Aggregates.Add(new AggregateSpec { Entity = entity.Name, SumField = sum.Name, GroupBy = group.Name });
        }
    }

    static void Name(AppSpec spec, string? projectName, List<string>? subject)
    {
        List<string> words = spec.Kind switch
        {
            AppKind.HelloWorld => ["hello", "world"],
            AppKind.Calculator => ["calculator"],
            AppKind.Counter => ["counter"],
            _ when subject is not null => [.. subject, AppWordAfter(spec.Prompt, subject) ?? "app"],
            _ => [.. spec.Entities[0].Label.Split(' '), "app"],
        };
        var slug = ProjectSlug.From(projectName) ?? ProjectSlug.From(string.Join(' ', words)) ?? "app";
        var titleWords = ProjectSlug.From(projectName) is not null ? slug.Split('-').ToList() : words;
        spec.Name = slug;
        spec.Title = Inflector.Title(titleWords);
        spec.Identifier = Identifiers.AppName(slug.Split('-').ToList(), spec.Entities.SelectMany(e => new[] { e.Name, e.Plural }));
    }

    static string? AppWordAfter(string prompt, List<string> subject)
    {
        var words = Words(Normalize(prompt));
        for (var i = 0; i + subject.Count < words.Count; i++)
            if (words.Skip(i).Take(subject.Count).SequenceEqual(subject) && Vocabulary.AppWords.Contains(words[i + subject.Count]))
                return words[i + subject.Count] == "api" ? "api" : words[i + subject.Count];
        return null;
    }

    static string Describe(AppSpec spec)
    {
        if (spec.Kind != AppKind.Crud)
            return spec.Kind switch
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

    /// <summary>Splits "a title, ingredients and steps" into [[title], [ingredients], [steps]], noting feature words.</summary>
    static List<List<string>> Items(string list, FeatureSet features)
    {
        var items = new List<List<string>>();
        foreach (var part in ListSeparator().Split(list))
        {
            var words = Words(part).Where(w => !Vocabulary.StopWords.Contains(w)).ToList();
            if (words.Count == 0) continue;
            if (words.All(w => Vocabulary.FeatureWords.Contains(w)))
            {
                if (words.Any(w => w.StartsWith("tag", StringComparison.Ordinal))) features.Tags = true;
                if (words.Any(w => w.StartsWith("search", StringComparison.Ordinal))) features.Search = true;
                continue;
            }
            items.Add(words);
        }
        return items;
    }

    static List<string> Singular(List<string> words) => [.. words[..^1], Inflector.Singular(words[^1])];

    static bool SameWords(List<string> a, List<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    static List<string> Words(string text) => [.. text.Split([' ', ',', '.', ';'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length <= 40)];

    [GeneratedRegex(@"[^a-z0-9,.;\s]")] private static partial Regex NonText();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
    [GeneratedRegex(@"\b(node|nodejs|node js|express|expressjs|javascript)\b")] private static partial Regex NodeWords();
    [GeneratedRegex(@"\bhello\s*world\b")] private static partial Regex HelloWorld();
    [GeneratedRegex(@"\b(url|link)\s+shortener\b|\bshorten(ing)?\s+(urls?|links?)\b")] private static partial Regex Shortener();
    [GeneratedRegex(@"\bcalculator\b")] private static partial Regex Calculator();
    [GeneratedRegex(@"^(?:(?:a|an|the|build|make|create|simple|click|basic|me|please)\s+)*counter\b")] private static partial Regex Counter();
    [GeneratedRegex(@"\b(login|log in|sign in|signin|sign up|signup|register|registration|auth|authentication|user accounts?|accounts|users)\b")] private static partial Regex AuthWords();
    [GeneratedRegex(@"\b(search|searchable|find)\b")] private static partial Regex SearchWords();
    [GeneratedRegex(@"\b(tags?|tagging|tagged|labels)\b")] private static partial Regex TagWords();
    [GeneratedRegex(@"\b(?<noun>[a-z][a-z0-9]*)\s+(?:(?:that|which|who)\s+)?(?:have|has|contain|contains|include|includes|store|stores|should have|with fields)\s+(?<list>[^.;]+?)(?=\s+(?:where|which|showing|show)\b|[.;]|$)")] private static partial Regex Definition();
    [GeneratedRegex(@"\bwith\s+(?<list>[^.;]+?)(?=,?\s+(?:where|which|that|showing|show|so|to)\b|[.;]|$)")] private static partial Regex With();
    [GeneratedRegex(@"\s*(?:,|\band\b|&|\bplus\b)\s*")] private static partial Regex ListSeparator();
    [GeneratedRegex(@"\b(?:total|totals|sum|sums|spending|spent|summary|summaries)\s+(?:of\s+)?(?:the\s+)?(?:(?<sum>[a-z]+)\s+)?(?:per|by|for each|grouped by|in each)\s+(?<group>[a-z]+)")] private static partial Regex Aggregate();
}
