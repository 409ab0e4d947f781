namespace Catalyst.Agents.Understanding;

public sealed partial class RequestParser
{
    void ReadEntities(AppPhrase? app, StructureReader reader, AppSpec spec, bool unsupported)
    {
        var drafts = reader.Entities.Where(d => d.Words[0] != StructureReader.SubjectMarker).ToList();
        var subjectFields = reader.Entities.Where(d => d.Words[0] == StructureReader.SubjectMarker).SelectMany(d => d.Fields).ToList();
        foreach (var user in drafts.Where(d => lexicon.Feature("auth", d.Head)).ToList())
        {
            drafts.Remove(user);
            if (user.Fields.Count > 0) spec.Notes.Add("Users come with the login feature, so they are not a separate list.");
            spec.Features.Auth = spec.Features.Ownership = true;
        }
        drafts.RemoveAll(d => d.Words.Any(Gibberish));
        // "customer management", "contest information", "allowing customers": a word English has only as structure, or
        // never as a noun, does not name a record; the noun it leaves does, and an abstract noun alone is no record
        foreach (var draft in drafts.Where(d => d.Fields.Count == 0 && !d.Defined)) TrimToRecordNoun(draft.Words);
        drafts.RemoveAll(d => d.Fields.Count == 0 && !d.Defined && NamesNoRecord(d.Head));
        // "garden beds have ...; plantings belong to a bed": a bare mention of a defined record's head is that record
        drafts.RemoveAll(d => d.Words.Count == 1 && !d.Defined && d.Fields.Count == 0 && drafts.Any(o => o != d && o.Words.Count > 1 && o.Head == d.Head && o.Defined));
        // "beehives have ...; harvests belong to a hive": a bare mention that ends a defined record's closed compound is that record
        drafts.RemoveAll(d => d.Words.Count == 1 && !d.Defined && d.Fields.Count == 0 && drafts.Count(o => o != d && o.Defined && IsCompoundOf(o.Head, d.Head)) == 1);
        // "my kitchen renovation quotes. Each quote has ...": the record defined by its head alone is the one named in full before
        foreach (var named in drafts.Where(d => d.Words.Count > 1 && !d.Defined && d.Fields.Count == 0).ToList())
        {
            var same = drafts.Where(o => o != named && o.Head == named.Head).ToList();
            if (same is not [{ Defined: true, Words.Count: 1 } defined]) continue;
            defined.Words.Clear();
            defined.Words.AddRange(named.Words);
            defined.Tokens.AddRange(named.Tokens);
            drafts.Remove(named);
        }
        foreach (var draft in drafts) draft.Fields.RemoveAll(f => f.Words.Any(Gibberish));
        subjectFields.RemoveAll(f => f.Words.Any(Gibberish));
        // "the website should have basic pages, a navigation menu and a search function": what the site has is its structure
        subjectFields.RemoveAll(IsAppStructure);
        // "the forum should also have a user center", "the game should include competitive elements": a record named like
        // the app that is given only what the app has is the app itself, no record
        var appWords = app?.Tokens.Select(t => Inflector.Singular(t.Lower)).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var draft in drafts.Where(d => d.Fields.Count > 0 && appWords.Contains(d.Head) && d.Fields.All(f => IsAppStructure(f) && f.Words[^1] != d.Head)).ToList())
        {
            drafts.Remove(draft);
            foreach (var t in draft.Fields.SelectMany(f => f.Tokens)) t.Role ??= "structure";
        }

        var subject = app is { Subject.Count: > 0 } && !app.SubjectWords.Any(Gibberish) && !app.Subject.All(t => lexicon.IsFunctionWord(t.Lower))
            ? reader.Singular(app.SubjectWords) : null;
        if (subject is not null && lexicon.Feature("auth", subject[^1])) subject = null;
        if (subject is not null)
        {
            var match = drafts.FirstOrDefault(d => d.Head == subject[^1]);
            if (match is not null) match.Fields.AddRange(subjectFields.Where(f => !match.Fields.Any(g => g.Words.SequenceEqual(f.Words))));
            // the app's subject is a record only when nothing else is defined: "a recipe site where dishes have ..." keeps dishes
            else if (!unsupported && (drafts.Count == 0 || subjectFields.Count > 0
                || !drafts.Any(d => d.Defined) && (lexicon.Defaults.ContainsKey(subject[^1]) || lexicon.Defaults.ContainsKey(string.Join(' ', subject)))))
            {
                var draft = new EntityDraft(subject, app!.Subject) { Defined = subjectFields.Count > 0 };
                draft.Fields.AddRange(subjectFields);
                drafts.Insert(0, draft);
            }
        }
        else if (subjectFields.Count > 0)
        {
            var target = drafts.Count == 1 && !drafts[0].Defined ? drafts[0] : null;
            if (target is null) { target = new EntityDraft(["item"], []) { Defined = true }; drafts.Insert(0, target); spec.Notes.Add("The request did not name what the fields belong to, so they are fields of an item."); }
            target.Fields.AddRange(subjectFields);
        }
        // "Able(chatbot)", "Customized": a word English has only to describe names no record, whatever was read after it
        // (a verb may: "car refuels with a date and litres")
        foreach (var draft in drafts)
            while (draft.Words.Count > 1 && lexicon.ClassOf(draft.Words[0]) == WordClass.Modifier) draft.Words.RemoveAt(0);
        drafts.RemoveAll(d => lexicon.ClassOf(d.Head) == WordClass.Modifier || d.Fields.Count == 0 && !d.Defined && NamesNoRecord(d.Head));
        // records held by the app's own records ("a project has many tasks") belong to the subject's draft
        var held = subject is not null && drafts.Any(d => d.Head == subject[^1]) ? subject : drafts.FirstOrDefault(d => d.Defined && d.Words is ["item"])?.Words;
        foreach (var draft in drafts.Where(d => d.Parent is [StructureReader.SubjectMarker])) draft.Parent = held;
        if (drafts.Count == 0)
        {
            drafts.Add(new EntityDraft(["item"], []));
            spec.Notes.Add("Could not tell what the app should keep track of, so it manages generic items (title, description, done). Name the things to track, e.g. \"a reading list with books that have a title and an author\".");
        }

        var builder = new EntityBuilder(lexicon, spec);
        var built = new Dictionary<EntityDraft, EntitySpec>();
        foreach (var draft in drafts)
        {
            if (spec.Entities.Count == MaxEntities)
            {
                spec.Notes.Add($"Only the first {MaxEntities} kinds of record were generated; the request named {drafts.Count}.");
                break;
            }
            var entity = builder.Build(draft.Words, draft.Fields);
            if (spec.Entities.Any(e => e.Name == entity.Name || e.Route == entity.Route)) continue;
            spec.Entities.Add(entity);
            built[draft] = entity;
        }
        Relate(reader, spec, builder, built);
        foreach (var entity in spec.Entities) builder.Require(entity);
    }

    void Relate(StructureReader reader, AppSpec spec, EntityBuilder builder, Dictionary<EntityDraft, EntitySpec> built)
    {
        EntitySpec? Find(IReadOnlyList<string>? words) => words is null ? null
            : built.FirstOrDefault(b => b.Key.Same(words)).Value ?? built.FirstOrDefault(b => b.Key.Head == words[^1]).Value
              ?? (built.Where(b => IsCompoundOf(b.Key.Head, words[^1])).ToList() is [var only] ? only.Value : null);

        builder.ReferenceByName();
        foreach (var (draft, entity) in built)
            if (Find(draft.Parent) is { } parent) EntityBuilder.Refer(entity, parent);
        foreach (var (child, parent) in reader.BelongsTo)
            if (Find(child) is { } c && Find(parent) is { } p) EntityBuilder.Refer(c, p);
        foreach (var (child, place, tokens) in reader.Placements)
        {
            if (Find(child) is not { } c) continue;
            if (Find(place) is { } p) EntityBuilder.Refer(c, p);
            else if (c.Fields.Count < MaxFields && builder.Field(new FieldDraft(place, tokens), c.Name) is { } field && !c.Fields.Any(f => f.Name == field.Name))
            {
                c.Fields.Add(field);
                foreach (var t in tokens.Where(t => t.IsWord)) t.Role ??= $"field:{c.Name}.{field.JsonName}";
            }
        }
        // nested ownership: "workouts have ..., and each exercise entry has ..." - a part refers to the record before it
        var order = built.ToList();
        for (var i = 1; i < order.Count; i++)
        {
            var (draft, entity) = order[i];
            if (!draft.Defined || !lexicon.In("parts", draft.Head) || entity.References.Any()) continue;
            var owner = order.Take(i).LastOrDefault(o => o.Key.Defined && !lexicon.In("parts", o.Key.Head)).Value;
            if (owner is not null) EntityBuilder.Refer(entity, owner);
        }
        builder.ReferenceLinks();
        builder.ReferenceParties();

        foreach (var state in reader.States)
        {
            var entity = Find(state.Entity) ?? order.LastOrDefault(o => o.Key.Defined).Value ?? spec.Entities.FirstOrDefault();
            if (entity is null) continue;
            state.Token.Role = $"field:{entity.Name}.{state.State}";
            if (entity.Fields.Any(f => f.JsonName == state.State || f.Options.Contains(state.State)) || entity.Fields.Count >= MaxFields) continue;
            var field = builder.Field(new FieldDraft([state.State], []) { Type = FieldType.Boolean }, entity.Name);
            if (field is not null) entity.Fields.Add(field);
        }

        foreach (var listing in reader.Listings)
        {
            var name = Inflector.Camel(listing.Words);
            var singular = Inflector.Camel(reader.Singular(listing.Words));
            var candidates = Find(listing.Entity) is { } named ? [named] : spec.Entities;
            var field = candidates.SelectMany(e => e.Fields).FirstOrDefault(f => f.JsonName == name || f.JsonName == singular || f.JsonName == singular + "Id" || f.JsonName == name + "At")
                // "sort by vintage" when the field is "vintage year": the one field that starts with those words
                ?? (candidates.SelectMany(e => e.Fields).Where(f => f.JsonName.StartsWith(name, StringComparison.Ordinal)).ToList() is [var only] ? only : null);
            if (field is null && listing.Field is not null && (Find(listing.Entity) ?? order.LastOrDefault(o => o.Key.Defined).Value) is { } owner && owner.Fields.Count < MaxFields)
            {
                field = builder.Field(listing.Field, owner.Name);
                if (field is not null) owner.Fields.Add(field);
                foreach (var t in listing.Field.Tokens.Where(t => t.IsWord && field is not null)) t.Role ??= $"field:{owner.Name}.{field!.JsonName}";
            }
            if (field is null)
            {
                spec.Notes.Add($"Could not {listing.Kind} by {string.Join(' ', listing.Words)}: no record has that field.");
                continue;
            }
            if (listing.Kind == "sort") field.Sortable = true;
            else
            {
                field.Filterable = true;
                if (!spec.Features.Filters.Contains(field.JsonName)) spec.Features.Filters.Add(field.JsonName);
            }
            foreach (var t in listing.Tokens) t.Role = $"feature:{listing.Kind}:{field.JsonName}";
        }
    }

    /// <summary>
    /// What an app has rather than a value a record keeps: "a management backend", "a user center", "search and filtering",
    /// "an introduction to ...", "data analysis", "competitive elements", "generating reports".
    /// </summary>
    bool IsAppStructure(FieldDraft field)
    {
        var head = field.Words[^1];
        if (IsPagePart(head) || lexicon.In("appStructureWords", Inflector.Singular(head)) || field.Words.Any(w => lexicon.In("capabilityWords", w))) return true;
        if (field.Type is not null || field.Options.Count > 0 || field.Unit is not null || field.Minimum is not null || field.Maximum is not null
            || lexicon.IsFieldWord(head) || !lexicon.IsAbstract(head) && field.Words.Any(lexicon.IsFieldWord)) return false;
        // "filtering", "generating various reports": an action the app does
        var first = field.Words[0];
        var action = first.EndsWith("ing", StringComparison.Ordinal) && lexicon.CanBeVerb(first) && lexicon.ClassOf(first) is not (WordClass.Noun or WordClass.Describing);
        return NamesNoRecord(head) || lexicon.ClassOf(head) == WordClass.Act || action;
    }

    bool NamesNoRecord(string head) => lexicon.IsAbstract(head) || lexicon.IsNeverNoun(head);

    bool IsPagePart(string word) => lexicon.In("pageParts", Inflector.Singular(word)) || lexicon.In("featureHeads", word) || word is "user" or "users";

    /// <summary>"allowing customer" -> customer, "contest information" -> contest: the record's noun inside a phrase read as one.</summary>
    void TrimToRecordNoun(List<string> words)
    {
        while (words.Count > 1 && lexicon.IsNeverNoun(words[0])) words.RemoveAt(0);
        while (words.Count > 1 && NamesNoRecord(words[^1])) words.RemoveAt(words.Count - 1);
    }

    /// <summary>"beehive" and "hive", "notebook" and "book": a closed compound and the word it ends with.</summary>
    static bool IsCompoundOf(string compound, string word) =>
        compound.Length >= word.Length + 3 && word.Length >= 3 && compound.EndsWith(word, StringComparison.Ordinal);

    /// <summary>Letters no English word is made of: no vowel, or long runs of consonants ("zzkv", "xq").</summary>
    bool Gibberish(string word)
    {
        if (word.Any(char.IsDigit) || word.Length <= 1 || lexicon.Knows(word)) return false;
        if (!word.Any(c => "aeiouy".Contains(c))) return true;
        var run = 0;
        foreach (var c in word)
        {
            run = "aeiouy".Contains(c) ? 0 : run + 1;
            if (run >= 5) return true;
        }
        return word.Length >= 3 && word[0] == word[1] && !"aeiou".Contains(word[0]);
    }
}
