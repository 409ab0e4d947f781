namespace Catalyst.Agents.Understanding;

/// <summary>
/// Turns the drafts the <see cref="StructureReader"/> found into entities with typed fields and references:
/// fields named like another entity, nested ownership, "belong to", dependent records and their party,
/// states to mark, sort and filter keys. Only what the request asked for, or the stated defaults, marked so.
/// </summary>
public sealed class EntityBuilder(Lexicon lexicon, AppSpec spec)
{
    public EntitySpec Build(List<string> words, List<FieldDraft> drafts)
    {
        var typeName = Identifiers.TypeName(words);
        var plural = Identifiers.TypeName([.. words[..^1], Inflector.Plural(words[^1])]);
        var entity = new EntitySpec
        {
            Name = typeName,
            Plural = plural != typeName ? plural : typeName + "Items",
            Route = Inflector.Kebab([.. words[..^1], Inflector.Plural(words[^1])]),
            Label = string.Join(' ', words),
        };
        if (drafts.Count == 0)
        {
            var key = string.Join(' ', words);
            var defaults = lexicon.Defaults.TryGetValue(key, out var known) || lexicon.Defaults.TryGetValue(words[^1], out known) ? known : ["name", "description"];
            drafts = [.. defaults.Select(d => new FieldDraft([.. d.Split(' ')], []) { Source = FieldSources.Default })];
            spec.Notes.Add($"No fields were named for {entity.Label}, so it has the usual ones: {string.Join(", ", defaults)}.");
        }
        foreach (var draft in drafts)
        {
            if (entity.Fields.Count == RequestParser.MaxFields) { spec.Notes.Add($"{entity.Label} keeps its first {RequestParser.MaxFields} fields only."); break; }
            var field = Field(draft, entity.Name);
            if (field is null || entity.Fields.Any(f => f.Name == field.Name)) continue;
            entity.Fields.Add(field);
            foreach (var t in draft.Tokens.Where(t => t.IsWord || t.IsNumber)) t.Role ??= $"field:{entity.Name}.{field.JsonName}";
        }
        return entity;
    }

    /// <summary>"a distance in km", "ram in GB": a number's unit as the request wrote it, when the lexicon knows it as one.</summary>
    string? UnitLabel(FieldDraft draft, FieldType type) =>
        draft.Unit is { } unit && type is FieldType.Integer or FieldType.Decimal or FieldType.Money
            && (lexicon.In("measureUnits", unit) || lexicon.In("countUnits", unit) || lexicon.In("currencyUnits", unit))
            ? draft.Tokens.LastOrDefault(t => t.Lower == unit)?.Text ?? unit
            : null;

    public FieldSpec? Field(FieldDraft draft, string entityName)
    {
        var words = draft.Words;
        // "a systolic reading", "systolic and diastolic readings": a reading of a quantity the table types is that quantity
        if (words.Count > 1 && lexicon.In("emptyHeads", words[^1]) && lexicon.TypeOf(words[..^1]) is not null) words = words[..^1];
        var type = draft.Options.Count >= 2 ? FieldType.Enum
            : draft.Type ?? (draft.Minimum is not null ? FieldType.Integer : (FieldType?)null) ?? lexicon.TypeOf(HeadPhrase(words)) ?? FieldType.String;
        if (draft.Minimum is not null && type is not (FieldType.Decimal or FieldType.Money)) type = FieldType.Integer;
        // "brew time in seconds", "a distance in km": a unit makes it a count or a measurement
        // ("a price in euros" stays money, "an amount in ml" and "a size in square feet" are measurements)
        // "a target per week", "visits per month": a value counted per period is a number
        if (draft.Per is { } per && draft.Type is null && lexicon.In("countUnits", per) && lexicon.TypeOf(HeadPhrase(words)) is null && draft.Options.Count < 2) type = FieldType.Integer;
        if (draft.Unit is { } unit && draft.Type is null && type != FieldType.Enum)
        {
            var numeric = type is FieldType.Money or FieldType.Integer or FieldType.Decimal;
            if (lexicon.In("currencyUnits", unit) && (type == FieldType.Money || !numeric)) type = FieldType.Money;
            else if (lexicon.In("measureUnits", unit)) type = FieldType.Decimal;
            // "a length in minutes": a measure counted in whole units is a count
            else if (lexicon.In("countUnits", unit) && type != FieldType.Money) type = FieldType.Integer;
        }
        var nameWords = words.Where(w => !lexicon.In("typeOnlyWords", w)).ToList();
        if (nameWords.Count == 0) nameWords = words;
        nameWords = [.. nameWords.Where(w => !w.All(char.IsAsciiDigit))];
        if (nameWords.Count == 0) return null;
        var name = Identifiers.MemberName(nameWords, entityName);
        if (name is null) return null;
        var field = new FieldSpec
        {
            Name = name,
            JsonName = char.ToLowerInvariant(name[0]) + name[1..],
            Label = string.Join(' ', nameWords),
            Type = type,
            Required = type == FieldType.Money && !draft.Optional,
            Filterable = type is FieldType.Boolean or FieldType.Enum || (type == FieldType.String && lexicon.In("categorical", nameWords[^1])),
            Minimum = type == FieldType.Integer || type == FieldType.Decimal ? draft.Minimum : null,
            Maximum = type == FieldType.Integer || type == FieldType.Decimal ? draft.Maximum : null,
            Options = type == FieldType.Enum ? [.. draft.Options.Distinct()] : [],
            Unit = UnitLabel(draft, type),
            Source = draft.Source,
        };
        optional[field] = draft.Optional;
        if (draft.Contained) contained.Add(field);
        return field;
    }

    readonly Dictionary<FieldSpec, bool> optional = [];
    readonly HashSet<FieldSpec> contained = [];

    /// <summary>
    /// The words that say the type: "minutes studied" and "date bought" are typed by their noun, not by the
    /// participle after it (which would make "bought" a boolean), as long as that noun has a type of its own.
    /// </summary>
    List<string> HeadPhrase(List<string> words)
    {
        // "steps to reproduce": the noun before its infinitive; "hours of sleep", "date of birth": the noun before its complement
        if (words.IndexOf("to") is var to and > 0 && lexicon.TypeOf(words[..to]) is not null) return words[..to];
        if (words.IndexOf("of") is var of and > 0 && lexicon.TypeOf(words[..of]) is not null) return words[..of];
        var end = words.Count;
        while (end > 1 && (IsParticiple(words[end - 1]) || lexicon.Is("preposition", words[end - 1]))) end--;
        if (end == words.Count) return words;
        // "the bait used", "the route taken": a participle after a plain noun says which one, the noun is what is kept
        var noun = words[end - 1];
        return lexicon.TypeOf(words[..end]) is not null || !lexicon.Is("adjective", noun) && !lexicon.Is("verb", noun) && !lexicon.In("stateWords", noun) && !lexicon.Is("preposition", words[^1])
            ? words[..end] : words;
    }

    /// <summary>"bought", "used", "studied": a participle, not a noun that ends like one ("speed", "breed").</summary>
    bool IsParticiple(string word) =>
        lexicon.In("stateWords", word) || lexicon.In("postModifiers", word)
        || word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4 && lexicon.TypeOf([word]) is null or FieldType.Boolean && !lexicon.In("categorical", word);

    /// <summary>Something must identify a record: money already does; otherwise its first piece of text.</summary>
    public void Require(EntitySpec entity)
    {
        var first = entity.Fields.FirstOrDefault(f => f.Type is FieldType.String or FieldType.Text && !optional.GetValueOrDefault(f));
        if (first is not null && !entity.Fields.Any(f => f.Required)) first.Required = true;
        if (entity.Fields.Count == 0)
        {
            entity.Fields.Add(new FieldSpec { Name = "Name", JsonName = "name", Label = "name", Type = FieldType.String, Required = true, Source = FieldSources.Default });
            spec.Notes.Add($"{entity.Label} had no field left that could be generated, so it has a name.");
        }
    }

    public static void MakeReference(EntitySpec owner, FieldSpec field, EntitySpec target)
    {
        field.Name = target.Name + "Id";
        field.JsonName = char.ToLowerInvariant(target.Name[0]) + target.Name[1..] + "Id";
        field.Label = target.Label;
        field.Type = FieldType.Reference;
        field.References = target.Name;
        field.Required = true;
        field.Filterable = true;
        field.Options = [];
        owner.Fields.RemoveAll(f => f != field && f.Name == field.Name);
    }

    /// <summary>Adds a reference from owner to target unless owner already has one.</summary>
    public static void Refer(EntitySpec owner, EntitySpec target, bool first = false)
    {
        if (owner == target || owner.References.Any(r => r.References == target.Name) || owner.Fields.Count >= RequestParser.MaxFields) return;
        var field = new FieldSpec { Source = FieldSources.Request };
        if (first) owner.Fields.Insert(owner.References.Count(), field);
        else owner.Fields.Add(field);
        MakeReference(owner, field, target);
    }

    /// <summary>Fields named like another entity of the request are references to it ("cards have a deck").</summary>
    public void ReferenceByName()
    {
        foreach (var entity in spec.Entities)
            foreach (var field in entity.Fields.Where(f => f.Type != FieldType.Reference && f.Source == FieldSources.Request).ToList())
            {
                var label = Inflector.Singular(field.Label.Split(' ')[^1]);
                var target = spec.Entities.FirstOrDefault(e => e != entity && (e.Label == field.Label || e.Label == Inflector.Singular(field.Label) || e.Label.Split(' ').Length == 1 && e.Label == label && field.Label.Split(' ').Length == 1));
                if (target is null || field.Type is not (FieldType.String or FieldType.StringList or FieldType.Text) && !contained.Contains(field)) continue;
                // "orders contain order items", "teams have players": the many held records belong to the one, not the other way round
                if (Inflector.LooksPlural(field.Label.Split(' ')[^1]) && (contained.Contains(field) || lexicon.In("parts", target.Label.Split(' ')[^1])))
                {
                    entity.Fields.Remove(field);
                    Refer(target, entity);
                }
                else MakeReference(entity, field, target);
            }
    }

    /// <summary>A dependent record (deal, order, booking ...) refers to the party of the request (customer, client ...).</summary>
    public void ReferenceParties()
    {
        var party = spec.Entities.FirstOrDefault(e => lexicon.In("parties", e.Label.Split(' ')[^1]));
        if (party is null) return;
        foreach (var entity in spec.Entities.Where(e => e != party && lexicon.In("dependents", e.Label.Split(' ')[^1])))
            if (!entity.References.Any(r => lexicon.In("parties", spec.Entity(r.References!)!.Label.Split(' ')[^1]))) Refer(entity, party);
    }

    /// <summary>Linking records named without fields ("loans") refer to the others ("books", "members").</summary>
    public void ReferenceLinks()
    {
        if (spec.Entities.Count < 2) return;
        foreach (var entity in spec.Entities.Where(e => lexicon.In("linking", e.Label.Split(' ')[^1]) && e.Fields.All(f => f.Source == FieldSources.Default)))
            foreach (var other in spec.Entities.Where(o => o != entity && !lexicon.In("linking", o.Label.Split(' ')[^1])).Take(3).ToList())
                Refer(entity, other, first: true);
    }
}
