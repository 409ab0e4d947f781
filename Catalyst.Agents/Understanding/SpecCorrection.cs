using System.Text.RegularExpressions;

namespace Catalyst.Agents.Understanding;

/// <summary>
/// A spec the user corrected before coding: checked like the understanding's own output (names that make
/// identifiers, known types, references that point somewhere, sane bounds and options, the same limits),
/// then completed with what follows from the names (routes, labels, JSON names) so the agents downstream
/// see the same shape the understanding produces.
/// </summary>
public static partial class SpecCorrection
{
    /// <summary>Problems keyed by the JSON path of what is wrong ("entities[1].fields[0].options").</summary>
    public static Dictionary<string, string[]> Validate(AppSpec spec)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string path, string message) =>
            errors[path] = errors.TryGetValue(path, out var existing) ? [.. existing, message] : [message];

        if (spec.Kind == AppKind.Crud && spec.Entities.Count == 0)
            Add("entities", "A records app needs at least one entity.");
        if (spec.Entities.Count > RequestParser.MaxEntities)
            Add("entities", $"At most {RequestParser.MaxEntities} entities can be generated; the spec has {spec.Entities.Count}.");

        var entityNames = spec.Entities.Select(e => Words(e.Name)).Select(w => w.Count == 0 ? "" : Identifiers.TypeName(w)).ToList();
        for (var i = 0; i < spec.Entities.Count; i++)
        {
            var entity = spec.Entities[i];
            var path = $"entities[{i}]";
            if (Words(entity.Name).Count == 0) Add($"{path}.name", "Each entity needs a name made of letters and digits, such as \"Deal\".");
            else if (entityNames.IndexOf(entityNames[i]) != i) Add($"{path}.name", $"The entity name '{entity.Name}' is used twice.");
            if (entity.Fields.Count == 0) Add($"{path}.fields", $"{entity.Name} needs at least one field.");
            if (entity.Fields.Count > RequestParser.MaxFields)
                Add($"{path}.fields", $"{entity.Name} has {entity.Fields.Count} fields; at most {RequestParser.MaxFields} can be generated.");
            ValidateFields(entity, path, entityNames, Add);
        }
        ValidatePresentation(spec.Presentation, Add);
        return errors;
    }

    static void ValidateFields(EntitySpec entity, string path, List<string> entityNames, Action<string, string> add)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < entity.Fields.Count; j++)
        {
            var field = entity.Fields[j];
            var fieldPath = $"{path}.fields[{j}]";
            var words = Words(FieldName(field));
            if (words.Count == 0) { add($"{fieldPath}.name", "Each field needs a name made of letters and digits, such as \"dueDate\"."); continue; }
            if (!names.Add(string.Concat(words))) add($"{fieldPath}.name", $"{entity.Name} has two fields named '{FieldName(field)}'.");
            switch (field.Type)
            {
                case FieldType.Reference when field.References is null || !entityNames.Contains(Identifiers.TypeName(Words(field.References))):
                    add($"{fieldPath}.references", $"'{FieldName(field)}' is a reference, so it must name one of the spec's entities ({string.Join(", ", entityNames)}).");
                    break;
                case FieldType.Enum when field.Options.Count(o => !string.IsNullOrWhiteSpace(o)) < 2:
                    add($"{fieldPath}.options", $"'{FieldName(field)}' is an enum, so it needs at least two options.");
                    break;
                case FieldType.Enum when field.Options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != field.Options.Count:
                    add($"{fieldPath}.options", $"The options of '{FieldName(field)}' repeat a value.");
                    break;
            }
            if (field.Minimum > field.Maximum)
                add($"{fieldPath}.minimum", $"The minimum of '{FieldName(field)}' ({field.Minimum}) is above its maximum ({field.Maximum}).");
            if ((field.Minimum is not null || field.Maximum is not null) && field.Type is not FieldType.Integer)
                add($"{fieldPath}.type", $"'{FieldName(field)}' has bounds, which only an integer field can have.");
        }
    }

    static void ValidatePresentation(PresentationSpec presentation, Action<string, string> add)
    {
        foreach (var (name, value) in new[] { ("background", presentation.Background), ("accent", presentation.Accent), ("text", presentation.Text) })
            if (value is not null && !HexColour().IsMatch(value))
                add($"presentation.{name}", $"Colours are given as #rrggbb; '{value}' is not one.");
        if (presentation.Theme is not (null or "light" or "dark"))
            add("presentation.theme", $"The theme is \"light\" or \"dark\", not '{presentation.Theme}'.");
        if (presentation.Title is { Length: > 100 })
            add("presentation.title", "The title is longer than 100 characters.");
    }

    /// <summary>
    /// The corrected spec with everything derived from its names filled in; what the user cannot change
    /// (the prompt, the project's name and identifier, the word account) comes from <paramref name="understood"/>.
    /// </summary>
    public static AppSpec Complete(AppSpec corrected, AppSpec understood)
    {
        corrected.Prompt = understood.Prompt;
        corrected.Name = understood.Name;
        corrected.Identifier = understood.Identifier;
        corrected.Words = understood.Words;
        corrected.BuiltByModel = understood.BuiltByModel; // the Coder's to set, never a reader's
        if (string.IsNullOrWhiteSpace(corrected.Title)) corrected.Title = understood.Title;
        if (string.IsNullOrWhiteSpace(corrected.Description)) corrected.Description = understood.Description;
        foreach (var entity in corrected.Entities)
        {
            var words = Words(entity.Name).Select(w => w.ToLowerInvariant()).ToList();
            var singular = words.Select(Inflector.Singular).ToList();
            entity.Name = Identifiers.TypeName(singular);
            var plural = (List<string>)[.. singular[..^1], Inflector.Plural(singular[^1])];
            entity.Plural = Identifiers.TypeName(plural) is var p && p != entity.Name ? p : entity.Name + "Items";
            entity.Route = Inflector.Kebab(plural);
            entity.Label = string.Join(' ', singular);
        }
        foreach (var entity in corrected.Entities)
            foreach (var field in entity.Fields)
                CompleteField(field, entity.Name);
        var look = corrected.Presentation;
        (look.Background, look.Accent, look.Text) = (look.Background?.ToLowerInvariant(), look.Accent?.ToLowerInvariant(), look.Text?.ToLowerInvariant());
        return corrected;
    }

    static void CompleteField(FieldSpec field, string entityName)
    {
        if (field.Type == FieldType.Reference)
        {
            var target = Identifiers.TypeName([.. Words(field.References!).Select(w => Inflector.Singular(w.ToLowerInvariant()))]);
            field.References = target;
            field.Name = target + "Id";
            field.JsonName = char.ToLowerInvariant(target[0]) + target[1..] + "Id";
            field.Label = string.Join(' ', Words(target)).ToLowerInvariant();
            field.Filterable = true;
            return;
        }
        var words = Words(FieldName(field)).Select(w => w.ToLowerInvariant()).ToList();
        field.Name = Identifiers.MemberName(words, entityName) ?? Identifiers.MemberName([.. words, "value"], entityName)!;
        field.JsonName = char.ToLowerInvariant(field.Name[0]) + field.Name[1..];
        field.Label = string.Join(' ', words);
        field.Options = [.. field.Options.Select(o => o.Trim().ToLowerInvariant()).Where(o => o.Length > 0)];
        if (field.Type != FieldType.Integer) (field.Minimum, field.Maximum) = (null, null);
        if (field.Type != FieldType.Enum) field.Options = [];
    }

    static string FieldName(FieldSpec field) => string.IsNullOrWhiteSpace(field.Name) ? field.JsonName : field.Name;

    /// <summary>"ExerciseEntry", "exercise_entry", "exercise entry" -> [Exercise, Entry].</summary>
    static List<string> Words(string? name) =>
        name is null ? [] : [.. WordPattern().Matches(name).Select(m => m.Value)];

    [GeneratedRegex(@"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")] private static partial Regex WordPattern();
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")] private static partial Regex HexColour();
}
