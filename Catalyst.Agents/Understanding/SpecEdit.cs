namespace Catalyst.Agents.Understanding;

/// <summary>
/// A spec being changed by a follow-up: finds the records and fields the words name, makes each change with
/// the same checks a corrected spec gets, and records it, or records why it could not be made.
/// </summary>
public sealed class SpecEdit(AppSpec spec, Lexicon lexicon)
{
    public AppSpec Spec => spec;
    public List<SpecChange> Changes { get; } = [];
    public List<string> Limitations { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>The record the words starting at <paramref name="at"/> name ("todos", "the todo's", "order items"), and how many words it took.</summary>
    public (EntitySpec Entity, int Length)? EntityAt(IReadOnlyList<string> words, int at)
    {
        foreach (var entity in spec.Entities.OrderByDescending(e => e.Label.Split(' ').Length))
        {
            var label = entity.Label.Split(' ');
            if (at + label.Length > words.Count) continue;
            var matches = label.Select((w, k) => k == label.Length - 1 ? Same(words[at + k], w) : words[at + k] == w).All(x => x);
            if (matches) return (entity, label.Length);
        }
        return null;
    }

    /// <summary>The one record the follow-up means when it names none: the only one, else the first (said in the notes).</summary>
    public EntitySpec? DefaultEntity()
    {
        if (spec.Entities.Count == 0) return null;
        if (spec.Entities.Count > 1) Notes.Add($"The request named no record, so the change is made to {spec.Entities[0].Label}, the app's first.");
        return spec.Entities[0];
    }

    /// <summary>The field the words name in <paramref name="entity"/> (or in any record when null, if only one has it).</summary>
    public (EntitySpec Entity, FieldSpec Field)? FieldNamed(IReadOnlyList<string> words, EntitySpec? entity)
    {
        // "the done flag", "the email field": words that say what kind of field, not which
        var name = words.Where(w => w is not ("column" or "property" or "attribute" or "value" or "," or "(" or ")" or ":") && !lexicon.In("typeOnlyWords", w)).ToList();
        if (name.Count == 0) return null;
        IEnumerable<EntitySpec> scope = entity is null ? spec.Entities : [entity];
        var found = scope.SelectMany(e => e.Fields.Where(f => Names(f, name)).Select(f => (e, f))).ToList();
        if (found.Count == 0 && entity is null && name.Count > 1 && EntityAt(name, 0) is { } owner)
            return FieldNamed(name[owner.Length..], owner.Entity); // "the todo notes"
        return found.Count == 1 ? found[0] : null;
    }

    static bool Names(FieldSpec field, List<string> words)
    {
        var label = field.Label.Split(' ');
        var joined = string.Concat(words);
        return label.Length == words.Count && label.Select((w, k) => Same(words[k], w)).All(x => x)
            || string.Equals(joined, field.JsonName, StringComparison.OrdinalIgnoreCase)
            || field.Type == FieldType.Reference && words.Count == 1 && Same(words[0], field.Label);
    }

    /// <summary>Equal as words, in either number ("todos" names "todo", "notes" names "note").</summary>
    public static bool Same(string word, string label) =>
        word == label || Inflector.Singular(word) == label || Inflector.Singular(label) == word || Inflector.Singular(word) == Inflector.Singular(label);

    public void AddField(EntitySpec entity, FieldSpec field)
    {
        if (entity.Fields.Any(f => f.Name == field.Name))
        {
            Limitations.Add($"{entity.Label} already has {field.Label}, so it was not added again.");
            return;
        }
        if (entity.Fields.Count >= RequestParser.MaxFields)
        {
            Limitations.Add($"{entity.Label} already has {RequestParser.MaxFields} fields, the most that can be generated; {field.Label} was not added.");
            return;
        }
        // "todos have a project", once projects exist: a field named like another record points to it
        var target = spec.Entities.FirstOrDefault(e => e != entity && field.Type is FieldType.String or FieldType.Text or FieldType.StringList && Same(field.Label, e.Label));
        field.Source = FieldSources.Request;
        entity.Fields.Add(field);
        if (target is not null)
        {
            if (entity.References.Any(r => r.References == target.Name)) { entity.Fields.Remove(field); Limitations.Add($"{entity.Label} already points to {target.Label}."); return; }
            EntityBuilder.MakeReference(entity, field, target);
        }
        Changes.Add(new SpecChange(ChangeKind.AddField, entity.Name, field.JsonName, Type: field.Type));
    }

    public void RemoveField(EntitySpec entity, FieldSpec field)
    {
        if (entity.Fields.Count == 1)
        {
            Limitations.Add($"{field.Label} is the only field of {entity.Label}, and a record needs at least one; it was kept.");
            return;
        }
        entity.Fields.Remove(field);
        spec.Features.Aggregates.RemoveAll(a => a.Entity == entity.Name && (a.SumField == field.Name || a.GroupBy == field.Name));
        spec.Features.Filters.Remove(field.JsonName);
        if (field.Required && !entity.Fields.Any(f => f.Required) && entity.Fields.FirstOrDefault(f => f.Type is FieldType.String or FieldType.Text) is { } text) text.Required = true;
        Changes.Add(new SpecChange(ChangeKind.RemoveField, entity.Name, field.JsonName));
    }

    public void RenameField(EntitySpec entity, FieldSpec field, List<string> newWords)
    {
        var name = Identifiers.MemberName(newWords, entity.Name);
        if (name is null || field.Type == FieldType.Reference)
        {
            Limitations.Add(name is null ? $"\"{string.Join(' ', newWords)}\" cannot name a field, so {field.Label} keeps its name." : $"{field.Label} points to another record and is named after it, so it keeps its name.");
            return;
        }
        if (entity.Fields.Any(f => f != field && f.Name == name))
        {
            Limitations.Add($"{entity.Label} already has a field named {string.Join(' ', newWords)}, so {field.Label} keeps its name.");
            return;
        }
        var old = field.JsonName;
        foreach (var total in spec.Features.Aggregates.Where(a => a.Entity == entity.Name))
        {
            if (total.SumField == field.Name) total.SumField = name;
            if (total.GroupBy == field.Name) total.GroupBy = name;
        }
        field.Name = name;
        field.JsonName = char.ToLowerInvariant(name[0]) + name[1..];
        field.Label = string.Join(' ', newWords);
        var filter = spec.Features.Filters.IndexOf(old);
        if (filter >= 0) spec.Features.Filters[filter] = field.JsonName;
        Changes.Add(new SpecChange(ChangeKind.RenameField, entity.Name, old, field.JsonName));
    }

    public void AddEntity(EntitySpec entity)
    {
        if (spec.Entities.Any(e => e.Name == entity.Name))
        {
            Limitations.Add($"The app already keeps {Inflector.Plural(entity.Label)}, so they were not added again.");
            return;
        }
        if (spec.Entities.Count >= RequestParser.MaxEntities)
        {
            Limitations.Add($"The app already has {RequestParser.MaxEntities} kinds of record, the most that can be generated; {entity.Label} was not added.");
            return;
        }
        spec.Entities.Add(entity);
        Changes.Add(new SpecChange(ChangeKind.AddEntity, entity.Name, Detail: string.Join(',', entity.Fields.Select(f => $"{f.JsonName}:{TypeName(f.Type)}"))));
    }

    public void RemoveEntity(EntitySpec entity)
    {
        if (spec.Entities.Count == 1)
        {
            Limitations.Add($"{entity.Label} is the app's only kind of record, so it was kept; to start over, ask for a new app in a new project.");
            return;
        }
        spec.Entities.Remove(entity);
        foreach (var other in spec.Entities) other.Fields.RemoveAll(f => f.References == entity.Name);
        spec.Features.Aggregates.RemoveAll(a => a.Entity == entity.Name);
        Changes.Add(new SpecChange(ChangeKind.RemoveEntity, entity.Name));
    }

    public void RenameEntity(EntitySpec entity, List<string> newWords)
    {
        var singular = newWords.Select(Inflector.Singular).ToList();
        var name = Identifiers.TypeName(singular);
        if (singular.Count == 0 || spec.Entities.Any(e => e != entity && e.Name == name))
        {
            Limitations.Add($"\"{string.Join(' ', newWords)}\" cannot name {entity.Label}: {(singular.Count == 0 ? "it has no letters" : "another record has that name")}.");
            return;
        }
        var old = entity.Name;
        var plural = (List<string>)[.. singular[..^1], Inflector.Plural(singular[^1])];
        entity.Name = name;
        entity.Plural = Identifiers.TypeName(plural) is var p && p != name ? p : name + "Items";
        entity.Route = Inflector.Kebab(plural);
        entity.Label = string.Join(' ', singular);
        foreach (var other in spec.Entities)
            foreach (var reference in other.References.Where(r => r.References == old).ToList())
                EntityBuilder.MakeReference(other, reference, entity);
        foreach (var total in spec.Features.Aggregates.Where(a => a.Entity == old)) total.Entity = name;
        Changes.Add(new SpecChange(ChangeKind.RenameEntity, old, NewName: name));
    }

    public void SetFeature(string feature, bool on)
    {
        var features = spec.Features;
        var before = feature switch { "auth" => features.Auth, "search" => features.Search, _ => features.Tags };
        if (before == on)
        {
            Limitations.Add(on ? $"The app already has {FeatureName(feature)}." : $"The app has no {FeatureName(feature)} to remove.");
            return;
        }
        if (feature == "auth") features.Auth = features.Ownership = on;
        else if (feature == "search") features.Search = on;
        else features.Tags = on;
        Changes.Add(new SpecChange(on ? ChangeKind.AddFeature : ChangeKind.RemoveFeature, Detail: feature));
    }

    public static string FeatureName(string feature) => feature switch { "auth" => "login", _ => feature };

    static string TypeName(FieldType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    public Lexicon Lexicon => lexicon;
}
