namespace Catalyst.Agents.Understanding;

public sealed partial class ChangeReader
{
    /// <summary>"rename title to name", "change the todo title into label", "call the notes details instead", "title should be called name".</summary>
    bool ReadRename(List<string> words, SpecEdit edit)
    {
        List<string> from, to;
        var called = words.FindIndex(w => vocabulary.In("renameParticiples", w));
        if (vocabulary.In("renameVerbs", words[0]))
        {
            var link = words.FindLastIndex(w => vocabulary.In("renameLinks", w));
            if (link > 1) (from, to) = (words[1..link], words[(link + 1)..]);
            else if (words[0] is "call" or "rename" && SplitCall(words[1..], edit) is { } split) (from, to) = split;
            else return false;
            if (words[0] == "change" && link < 0) return false;
        }
        else if (called > 0 && called + 1 < words.Count)
            (from, to) = (words[..called].Where(w => !vocabulary.In("modals", w) && w is not ("be" or "is" or "are" or "get")).ToList(), words[(called + 1)..]);
        else return false;

        from = [.. from.Where(w => (!vocabulary.In("determiners", w) || w == "title") && !IsPunctuation(w))];
        to = [.. to.Where(w => !vocabulary.In("determiners", w) && !IsPunctuation(w) && w is not ("instead" or "please" or "now" or "from" or "then") && !w.StartsWith('"'))];
        if (from.Count == 0 || to.Count == 0) return false;

        if (from is ["it"] or ["app"] or ["application"] or ["title"] && edit.FieldNamed(from, null) is null)
        {
            var title = Inflector.Title(to);
            edit.Spec.Presentation.Title = title;
            edit.Spec.Title = title;
            edit.Changes.Add(new SpecChange(ChangeKind.Presentation, Detail: $"title={title}"));
            return true;
        }
        var (owner, rest) = Owner(from, edit);
        if (edit.FieldNamed(rest, owner) is { } field) { edit.RenameField(field.Entity, field.Field, to); return true; }
        if (owner is not null && rest.Count == 0) { edit.RenameEntity(owner, to); return true; }
        edit.Limitations.Add($"There is no field or record called \"{string.Join(' ', rest)}\" to rename; the app has {Inventory(edit.Spec)}.");
        return true;
    }

    /// <summary>"call the notes details": the longest start that names a field, and the new name after it.</summary>
    static (List<string>, List<string>)? SplitCall(List<string> words, SpecEdit edit)
    {
        for (var k = words.Count - 1; k >= 1; k--)
        {
            var from = words[..k].Where(w => w is not ("the" or "a" or "an")).ToList();
            if (from.Count > 0 && (edit.FieldNamed(from, null) is not null || from.Count == 1 && edit.EntityAt(from, 0) is { Length: 1 } || from is ["it"] or ["app"]))
                return (words[..k], words[k..]);
        }
        return null;
    }

    /// <summary>"remove the notes", "drop priority and due date from todos", "get rid of tags", "todos no longer need a description".</summary>
    bool ReadRemove(List<string> words, SpecEdit edit)
    {
        List<string> items;
        EntitySpec? owner = null;
        var phrase = vocabulary.Phrases("removePhrases").Select(p => (Phrase: p, At: IndexOf(words, p))).Where(p => p.At >= 0).OrderBy(p => p.At).FirstOrDefault();
        if (vocabulary.In("removeVerbs", words[0])) items = words[1..];
        else if (phrase.Phrase is not null && phrase.At == 0) items = words[phrase.Phrase.Length..];
        else if (phrase.Phrase is not null)
        {
            var subject = words[..phrase.At].Where(w => !vocabulary.In("determiners", w) && !vocabulary.In("modals", w)).ToList();
            if (subject.Count == 0 || edit.EntityAt(subject, 0) is not { } named) return false;
            owner = named.Entity;
            items = words[(phrase.At + phrase.Phrase.Length)..];
        }
        else if (words[0] == "without" || words is ["no", _, ..] && words.Count <= 4) items = words[1..];
        else return false;

        var target = TrailingTarget(items, edit, ["from", "on", "in", "of", "for"]);
        if (target is { } t) (items, owner) = (items[..t.At], t.Entity);
        foreach (var item in Items(items))
        {
            if (FeatureOf(item) is { } feature) { edit.SetFeature(feature, on: false); continue; }
            var (itemOwner, rest) = Owner(item, edit);
            if (edit.FieldNamed(rest, itemOwner ?? owner) is { } field) edit.RemoveField(field.Entity, field.Field);
            else if (itemOwner is not null && rest.Count == 0 && (owner is null || owner == itemOwner)) edit.RemoveEntity(itemOwner);
            else edit.Limitations.Add($"There is no field or record called \"{string.Join(' ', rest)}\" to remove; the app has {Inventory(edit.Spec)}.");
        }
        return true;
    }

    /// <summary>
    /// "add a due date to todos", "give each todo a priority", "todos should have notes", "track the cost of each
    /// trip", "add projects with a name and a deadline", "each todo belongs to a project", "add tags and search".
    /// </summary>
    bool ReadAdd(List<string> words, SpecEdit edit)
    {
        EntitySpec? owner = null;
        List<string> what;
        var first = words[0];
        if (vocabulary.In("giveVerbs", first) && Skip(words, 1) is var g && edit.EntityAt(words, g) is { } given)
            (owner, what) = (given.Entity, words[(g + given.Length)..]);
        else if (first is "let" or "allow" or "make" && Skip(words, 1) is var l && edit.EntityAt(words, l) is { } let
                 && OwnVerbAfter(words, l + let.Length) is { } letVerb)
            (owner, what) = (let.Entity, words[letVerb..]);
        else if (vocabulary.In("addVerbs", first) && !(first is "have" or "get" && words.Count > 1 && vocabulary.In("renameParticiples", words[1])))
        {
            what = words[1..];
            if (TrailingTarget(what, edit, null) is { } target) (what, owner) = (what[..target.At], target.Entity);
        }
        else if (Skip(words, 0) is var s && edit.EntityAt(words, s) is { } subject)
        {
            owner = subject.Entity;
            var after = s + subject.Length;
            var belong = words.FindIndex(after, w => vocabulary.In("belongVerbs", w));
            if (belong >= 0 && belong + 1 < words.Count && words[belong + 1] is "to" or "in")
                what = words[(belong + 2)..];
            else if (OwnVerbAfter(words, after) is { } own) what = words[own..];
            else return false;
        }
        else return false;

        // "a notes field": the word "field" names no type
        what = [.. what.Where(w => w is not ("too" or "as" or "well" or "also" or "please" or "now" or "field" or "fields" or "column" or "columns" or "property" or "attribute"))];
        if (what.Count == 0) return false;
        if (Unsupported(what))
        {
            edit.Limitations.Add($"The offline generator cannot add \"{string.Join(' ', what)}\": it builds records, fields, login, search, tags and the page's look; the app is left as it was for that part.");
            return true;
        }
        var features = FeatureWords(what, edit);
        foreach (var feature in features.Select(f => f.Feature).Distinct()) edit.SetFeature(feature, on: true);
        what = [.. what.Where((_, i) => !features.Any(f => f.Index == i))];
        what = TrimConjunctions(what);
        if (what.Count == 0) return true;

        if (owner is null && NamesNewRecords(what, edit)) { AddRecords(what, edit); return true; }
        owner ??= edit.DefaultEntity();
        if (owner is null) return false;
        AddFields(owner, what, edit);
        return true;
    }

    /// <summary>"let users log in", "make todos searchable", "users should sign in": a feature asked for without a verb of adding.</summary>
    bool ReadFeatures(List<string> words, SpecEdit edit)
    {
        var features = FeatureWords(words, edit);
        if (features.Count == 0) return false;
        foreach (var feature in features.Select(f => f.Feature).Distinct()) edit.SetFeature(feature, on: true);
        return true;
    }

    /// <summary>"make the background dark blue", "use a dark theme": read by the request understanding's presentation reader.</summary>
    bool ReadPresentation(List<string> words, SpecEdit edit)
    {
        var look = parser.Parse(string.Join(' ', words)).Presentation;
        var changed = new List<string>();
        var target = edit.Spec.Presentation;
        if (look.Theme is { } theme) { target.Theme = theme; changed.Add($"theme={theme}"); }
        if (look.Background is { } background) { target.Background = background; changed.Add($"background={background}"); }
        if (look.Accent is { } accent) { target.Accent = accent; changed.Add($"accent={accent}"); }
        if (look.Text is { } text) { target.Text = text; changed.Add($"text={text}"); }
        if (look.Title is { } title) { target.Title = title; edit.Spec.Title = title; changed.Add($"title={title}"); }
        if (changed.Count == 0) return false;
        edit.Changes.Add(new SpecChange(ChangeKind.Presentation, Detail: string.Join(',', changed)));
        return true;
    }

    /// <summary>The words, read as "{records} have {words}" by the request understanding, become fields of <paramref name="owner"/>.</summary>
    void AddFields(EntitySpec owner, List<string> what, SpecEdit edit)
    {
        var parsed = parser.Parse($"{Inflector.Plural(owner.Label)} have {string.Join(' ', what)}");
        var entity = parsed.Entities.FirstOrDefault(e => e.Name == owner.Name) ?? parsed.Entities.FirstOrDefault();
        var fields = entity?.Fields.Where(f => f.Source == FieldSources.Request && f.Type != FieldType.Reference).ToList() ?? [];
        // another record the words name ("a project", once projects exist) is a reference, not a new record
        foreach (var other in parsed.Entities.Where(e => e != entity && edit.Spec.Entity(e.Name) is not null && e.Name != owner.Name))
            fields.Add(new FieldSpec { Name = other.Name, JsonName = other.Name, Label = other.Label, Type = FieldType.String });
        foreach (var reference in entity?.References ?? [])
            if (edit.Spec.Entity(reference.References!) is { } target && target != owner)
                fields.Add(new FieldSpec { Name = target.Name, JsonName = target.Name, Label = target.Label, Type = FieldType.String });
        if (fields.Count == 0)
        {
            edit.Limitations.Add($"\"{string.Join(' ', what)}\" names no field that can be added to {owner.Label}.");
            return;
        }
        foreach (var field in fields) edit.AddField(owner, field);
    }

    /// <summary>The words, read as a request of their own, become new records; references to the app's records are kept.</summary>
    void AddRecords(List<string> what, SpecEdit edit)
    {
        var parsed = parser.Parse(string.Join(' ', what));
        foreach (var entity in parsed.Entities.Where(e => edit.Spec.Entity(e.Name) is null))
        {
            foreach (var field in entity.Fields.Where(f => f.Type == FieldType.Reference && edit.Spec.Entity(f.References!) is null && parsed.Entity(f.References!) is null).ToList())
                entity.Fields.Remove(field);
            edit.AddEntity(entity);
            if (entity.Fields.All(f => f.Source == FieldSources.Default))
                edit.Notes.Add($"No fields were named for {entity.Label}, so it has the usual ones: {string.Join(", ", entity.Fields.Select(f => f.Label))}.");
        }
        // "projects that hold todos": an existing record the new one holds points to it
        foreach (var existing in parsed.Entities.Where(e => edit.Spec.Entity(e.Name) is not null && !edit.Changes.Any(c => c.Kind == ChangeKind.AddEntity && c.Entity == e.Name)))
            foreach (var reference in existing.References.Where(r => edit.Changes.Any(c => c.Kind == ChangeKind.AddEntity && c.Entity == r.References)))
                edit.AddField(edit.Spec.Entity(existing.Name)!, new FieldSpec { Name = reference.References!, JsonName = reference.References!, Label = parsed.Entity(reference.References!)!.Label, Type = FieldType.String });
    }

    /// <summary>Plural words that are no field type and no record yet name new records ("add projects with a name").</summary>
    bool NamesNewRecords(List<string> what, SpecEdit edit)
    {
        var stop = what.FindIndex(w => w is "with" or "that" or "which" or "where" or "who" or "having" or "each" or "and" or "to" or "for" or "containing" or "holding" || IsPunctuation(w));
        var phrase = (stop < 0 ? what : what[..stop]).Where(w => !vocabulary.In("determiners", w)).ToList();
        if (phrase.Count == 0) return false;
        var head = phrase[^1];
        if (edit.EntityAt(phrase, phrase.Count - 1) is not null || !Inflector.LooksPlural(head)) return false;
        // "budgets with a name and an amount": plural words that go on to list fields name records, whatever their type
        if (what.Count > phrase.Count && what[phrase.Count] is "with" or "that" or "where" or "having" or "each" or "containing") return true;
        return lexicon.TypeOf(phrase) is null && lexicon.TypeOf([head]) is null && !lexicon.In("typeOnlyWords", head);
    }

    /// <summary>"push notifications", "google login": what names a capability the generator lacks ("a payment method" is a field).</summary>
    bool Unsupported(List<string> what)
    {
        var stop = what.FindIndex(w => w is "with" or "to" or "for" or "of" or "and" or "that" or "so" || IsPunctuation(w));
        var head = (stop > 0 ? what[..stop] : what)[^1];
        return vocabulary.In("unsupportedNouns", head)
            || what.Any(w => vocabulary.In("unsupportedNouns", w)) && FeatureOf([head]) is not null;
    }

    List<(int Index, string Feature)> FeatureWords(List<string> words, SpecEdit edit)
    {
        var found = new List<(int, string)>();
        for (var i = 0; i < words.Count; i++)
        {
            var next = i + 1 < words.Count ? words[i + 1] : "";
            if (lexicon.FeaturePhrases("authPhrases").Contains($"{words[i]} {next}")) { found.Add((i, "auth")); found.Add((i + 1, "auth")); i++; }
            // "a tag code" names a field; "search recipes" asks for search
            else if (FeatureOf([words[i]]) is { } feature && !(i + 1 < words.Count && edit.EntityAt(words, i + 1) is null && (lexicon.TypeOf([next]) is not null || lexicon.In("valueNouns", next)))) found.Add((i, feature));
        }
        // "users" alone names accounts only next to another auth word ("users with passwords") or a verb of signing
        if (found.All(f => f.Item2 != "auth" || words[f.Item1] is "user" or "users") && found.Any(f => f.Item2 == "auth") && !words.Any(w => w is "log" or "sign" or "account" or "accounts" or "login"))
            found.RemoveAll(f => f.Item2 == "auth" && words[f.Item1] is "user" or "users" && !(f.Item1 == 0 || words.Count <= 2));
        return found;
    }

    string? FeatureOf(List<string> item)
    {
        var words = item.Where(w => !vocabulary.In("determiners", w) && w is not ("feature" or "support" or "functionality" or "function" or "ability" or "option" or "box" or "bar" or "system" or "page" or "screen")).ToList();
        if (words.Count == 0) return null;
        var text = string.Join(' ', words);
        if (words.Count <= 2 && (lexicon.FeaturePhrases("authPhrases").Contains(text) || words.All(w => lexicon.Feature("auth", w) || lexicon.Feature("authModifiers", w) || w == "user")) && words.Any(w => w != "user" && w != "users")) return "auth";
        if (words.Count == 1 && lexicon.Feature("search", words[0]) && words[0] != "find") return "search";
        if (words.Count == 1 && lexicon.Feature("tags", words[0])) return "tags";
        return null;
    }

    /// <summary>"... to todos", "... for each expense", "... on the todo records": the record a change is for, at the end of the words.</summary>
    (int At, EntitySpec Entity)? TrailingTarget(List<string> words, SpecEdit edit, string[]? links)
    {
        for (var i = words.Count - 2; i >= 1; i--)
        {
            if (!(links?.Contains(words[i]) ?? vocabulary.In("targetLinks", words[i]))) continue;
            var at = Skip(words, i + 1);
            if (edit.EntityAt(words, at) is { } named && words.Skip(at + named.Length).All(w => w is "too" or "list" or "records" or "record" or "table" or "page" or "as" or "well" or "please" or "model" or "entity"))
                return (i, named.Entity);
        }
        return null;
    }

    /// <summary>The record named first in the words ("the todo title" → todo, "title"), if the words go on after it.</summary>
    (EntitySpec? Entity, List<string> Remaining) Owner(List<string> words, SpecEdit edit)
    {
        var clean = words.Where(w => !vocabulary.In("determiners", w) && !IsPunctuation(w)).ToList();
        var of = clean.FindIndex(w => w is "of" or "on" or "in" or "from" or "for");
        if (of > 0 && edit.EntityAt(clean, Skip(clean, of + 1)) is { } after) return (after.Entity, clean[..of]);
        if (edit.EntityAt(clean, 0) is { } before && edit.FieldNamed(clean, null) is null) return (before.Entity, clean[before.Length..]);
        return (null, clean);
    }

    int Skip(List<string> words, int at)
    {
        while (at < words.Count && (vocabulary.In("determiners", words[at]) || words[at] is "of" or "them")) at++;
        return at;
    }

    int? OwnVerbAfter(List<string> words, int at)
    {
        while (at < words.Count && vocabulary.In("modals", words[at]) && !vocabulary.In("ownVerbs", words[at])) at++;
        return at < words.Count - 1 && vocabulary.In("ownVerbs", words[at]) ? at + 1 : null;
    }

    List<List<string>> Items(List<string> words)
    {
        var items = new List<List<string>> { new() };
        foreach (var w in words)
            if (w is "and" or "or" or "as" or "well" or "plus" or ",") { if (items[^1].Count > 0) items.Add([]); }
            else if (!IsPunctuation(w)) items[^1].Add(w);
        return [.. items.Where(i => i.Any(w => !vocabulary.In("determiners", w)))];
    }

    static List<string> TrimConjunctions(List<string> words)
    {
        var start = 0;
        var end = words.Count;
        while (start < end && (words[start] is "and" or "or" or "with" or "plus" || IsPunctuation(words[start]))) start++;
        while (end > start && (words[end - 1] is "and" or "or" or "with" or "plus" or "a" or "an" or "the" or "," or ":" || words[end - 1] == "(")) end--;
        var trimmed = words[start..end];
        // "a due date and and search" once search was taken out
        return [.. trimmed.Where((w, i) => !(w is "and" or "or" or "," && i + 1 < trimmed.Count && trimmed[i + 1] is "and" or "or" or ","))];
    }

    static int IndexOf(List<string> words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
            if (StartsWith(words, i, phrase)) return i;
        return -1;
    }

    static string Inventory(AppSpec spec) =>
        string.Join("; ", spec.Entities.Select(e => $"{e.Label} ({string.Join(", ", e.Fields.Select(f => f.Label))})"));
}
