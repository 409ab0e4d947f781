namespace Catalyst.Agents.Understanding;

public sealed partial class StructureReader
{
    /// <summary>Stands for "the thing the app keeps" when a list hangs off the app itself ("a tracker with ...").</summary>
    public const string SubjectMarker = "@subject";

    static bool IsListSeparator(Token t) => t.Lower is "," or "and" or "&" or "plus" or "or" or "+" or "/";

    /// <summary>Reads "a title, a value and a stage" after a have-word; returns where the list ended.</summary>
    int ReadList(List<Token> s, int start, List<string> owner, int sentence, bool each)
    {
        // "my vinyl collection with ...", "the reading log:": a collection of the records is the app itself
        var ofApp = lexicon.In("metaWords", owner[^1]) || !LastOwnerPlural && (owner[^1] == AppHead || lexicon.Is("pronoun", owner[^1]) || owner.Count == 1 && lexicon.In("genericAppWords", owner[0])
            || owner.Count > 1 && lexicon.In("collectionWords", owner[^1]));
        var ownerWords = ofApp ? [SubjectMarker] : owner;
        var items = new List<FieldDraft>();
        var heading = false;
        var k = start;
        // "bookings link members to classes": the records a linking record joins, up to the fields it has of its own
        var linking = start > 0 && lexicon.In("linkVerbs", s[start - 1].Lower);
        var holding = start > 0 && s[start - 1].Lower is "have" or "has" or "contain" or "contains" or "include" or "includes" or "hold" or "holds";
        // "with fields", "with the following fields:", "has these:"
        // ... but "properties (address, rent)" names records
        // ("with the start time": an article before a field is the field's, read with it)
        while (k < s.Count && (s[k].Lower is "following" or "fields" or "field" or "these" or "attributes" or "properties" or "columns" or ":"
               || s[k].Lower == "the" && k + 1 < s.Count && s[k + 1].Lower is "following" or "fields" or "attributes" or "properties" or "columns")
               && !(k + 1 < s.Count && s[k + 1].Lower == "(")) k++;
        // "with columns for name, ...", "with fields for the title, ..."
        if (k > start && s[k - 1].Lower is "fields" or "columns" && k < s.Count && s[k].Lower is "for" or "of") k++;
        while (k < s.Count)
        {
            while (k < s.Count && (IsListSeparator(s[k]) || s[k].Lower is "also" or "as" or "well" or "etc" || s[k].Lower == ";" && ContinuesList(s, k))) k++;
            if (k >= s.Count || s[k] == Barrier || s[k].Lower is ";" or ")" ) break;
            var t = s[k];
            // "entries link players to tournaments with a placement": after the linked records, the linking record's own fields
            if (t.Lower is "with" or ":" && linking && items.Count > 0) { linking = false; k++; continue; }
            if (t.Lower is "with" or ":") linking = false;
            if (t.Lower == "with" && items.Count > 0 && s[k - 1].IsWord && items[^1].Tokens.FirstOrDefault()?.Lower is "a" or "an") { k++; continue; } // see HoldsHave
            if (k > start && (IsListSeparator(s[k - 1]) || s[k - 1].Lower == ":") && ReadClause(s, k) is var (clause, afterClause) && afterClause > k)
            {
                if (clause is not null) items.Add(clause); // a clause about the record that names no field is passed over, the list goes on
                k = afterClause;
                continue;
            }
            if (t.Lower is "where" or "which" or "so" or "that" or "when" or "while" or "who" or "but" || (lexicon.Is("auxiliary", t.Lower) && t.Lower is not ("is" or "has")))
                break;
            // "employees have a name and work in a department", "animals ... live in an enclosure": the record the owner is in
            if (k > start && s[k - 1].Lower == "and" && k + 3 < s.Count && t.IsWord && !IsFieldNoun(t.Lower) && !lexicon.IsFunctionWord(t.Lower) && s[k + 1].Lower is "in" or "at" or "for" or "under" or "on"
                && lexicon.Is("determiner", s[k + 2].Lower) && PhraseAfter(s, k + 2, out var placeEnd) is { } place)
            {
                Placements.Add((ownerWords, place, [.. s.Skip(k + 2).Take(placeEnd - k - 1)]));
                t.Role ??= "relation";
                k = placeEnd + 1;
                continue;
            }
            if (IsStrictVerb(t.Lower) && !(k + 1 < s.Count && IsListSeparator(s[k + 1]) || k + 1 == s.Count) && !IsVerbInPhrase(s, k, 0, true) && !EndsWithPreposition(s, k)) break;
            if (linking && t.Lower == "to") { k++; continue; } // "link members to classes"
            if (IsListingWord(t.Lower) && k + 1 < s.Count && s[k + 1].Lower == "by") break; // "..., grouped by status"
            if (lexicon.Is("preposition", t.Lower) && t.Lower is not ("number" or "out") && !(t.Lower == "up" && k + 2 < s.Count && s[k + 1].Lower == "to" && s[k + 2].IsNumber)) break;
            if (!linking && HoldsHave(s, k)) { heading = true; break; }
            // "date and time": one moment, not a day and a time
            if (DateAndTimeAt(s, k) is var afterMoment and > 0)
            {
                items.Add(new FieldDraft(["date", "and", "time"], s.Skip(k).Take(afterMoment - k)) { Type = FieldType.DateTime });
                k = afterMoment;
                continue;
            }
            if (ReadCoordinated(s, k) is ({ } pair, var afterPair)) { items.AddRange(pair); k = afterPair; continue; }
            var (item, next) = ReadItem(s, k);
            if (item is null) { k = Math.Max(next, k + 1); continue; }
            next = ReadAlternative(s, next, item);
            // "..., and students submit answers", "..., and others can comment", "and tick them off": the item was the start of a new
            // clause; so is the first after a colon ("a film club: members nominate films")
            if ((items.Count > 0 || k > 0 && s[k - 1].Lower == ":") && next < s.Count && s[next].IsWord && item.Options.Count == 0 && item.Minimum is null
                && (IsStrictVerb(s[next].Lower) && !IsHave(s, next) || s[next].Lower is "can" or "could" or "should" or "will" or "must" or "may" or "them" or "it"))
                break;
            if (linking && item.Options.Count == 0) item.Type = FieldType.String; // a record's name, whatever its word would type ("members")
            item.Contained = holding && item.Type is null && item.Options.Count == 0 && item.Minimum is null && Inflector.LooksPlural(item.Words[^1])
                && item.Tokens.FirstOrDefault()?.Lower is not ("a" or "an" or "the");
            items.Add(item);
            k = next;
        }

        if (items.RemoveAll(i => i.DefinesRecord) > 0 && items.Count == 0) return k;
        // "a blorptastic zibble mode", "some quibbly snorfs": a mode or setting of words the lexicon does not know is a
        // feature nothing can build, not a field; its words stay not understood
        items.RemoveAll(i => i.Options.Count == 0 && i.Type is null && i.Words.Count > 1 && lexicon.In("featureHeads", i.Words[^1]) && i.Words[..^1].Any(w => !lexicon.Knows(w))
            || i.Tokens.FirstOrDefault()?.Lower == "some" && i.Words.All(w => !lexicon.Knows(w)));
        // "a library with books, members and loans": bare plural nouns hanging off the app are records, not fields
        var bare = items.Where(i => !IsFeatureWord(i.Words[^1])).ToList();
        // ("books and the shelves they are on": a plural with "the" or "my" names records too)
        if (ofApp && bare.Count > 0 && bare.All(i => (i.Bare || i.Tokens.FirstOrDefault()?.Lower is "the" or "my" or "our" or "their" && i.Options.Count == 0 && i.Minimum is null && i.Type is null) && Inflector.LooksPlural(i.Words[^1]))
            && bare.Any(i => lexicon.TypeOf(i.Words) is null || lexicon.Defaults.ContainsKey(Inflector.Singular(i.Words[^1]))))
        {
            foreach (var item in bare) Mention(Singular(item.Words), sentence).Tokens.AddRange(item.Tokens);
            AddFeatures(items);
            return k;
        }
        // "Hotel reservations: guests have ...": a heading over the records it introduces is not one of them
        if (items.Count == 0 && (ofApp || heading)) return k;
        var draft = Entities.FirstOrDefault(e => e.Same(ownerWords));
        if (draft is null) { draft = new EntityDraft(ownerWords, []) { Sentence = sentence }; Entities.Add(draft); }
        if (!ofApp) lastRecord = ownerWords;
        draft.Each |= each;
        draft.Defined |= items.Count > 0;
        foreach (var item in items)
        {
            if (IsFeatureWord(item.Words[^1]) && item.Words.All(w => IsFeatureWord(w) || lexicon.Is("adjective", w) || w is "user")) { AddFeature(item); continue; }
            if (item.Many || item.Bare && Inflector.LooksPlural(item.Words[^1]) && lexicon.Defaults.ContainsKey(Inflector.Singular(item.Words[^1])) && lexicon.TypeOf(item.Words) is null)
            {
                var child = Mention(Singular(item.Words), sentence);
                child.Tokens.AddRange(item.Tokens);
                child.Parent ??= draft.Words; // [SubjectMarker] when the app's own records hold them ("a project has many tasks")
                continue;
            }
            if (!draft.Fields.Any(f => f.Words.SequenceEqual(item.Words))) draft.Fields.Add(item);
        }
        return k;
    }

    static readonly HashSet<string> Modals = ["can", "could", "should", "would", "will", "may", "might", "must", "want", "wants", "let", "lets"];

    /// <summary>
    /// A clause that names a field: "where it was found" (location), "when I last watered them" (lastWatered), "how
    /// often they need water" (waterFrequency), "how many pages it has" (pages), "how long it took" (duration), "what I
    /// paid" (pricePaid), "what room it is in" (room). The lexicon's clauseFields say what each names. A clause about
    /// what users can do ("where I can mark them done") is not a field. Null when none starts at k.
    /// </summary>
    (FieldDraft? Item, int Next) ReadClause(List<Token> s, int k)
    {
        var wh = s[k].Lower;
        if (wh is not ("where" or "when" or "how" or "what" or "which" or "who")) return (null, k);
        var end = k + 1;
        while (end < s.Count && end < k + 10 && !IsListSeparator(s[end]) && !s[end].IsSeparator && s[end].Lower != "(" && s[end] != Barrier && !RangeAt(s, end, out _, out _, out _)
               && !(s[end].Lower == "in" && (UnitAt(s, end + 1, out _, out _) || end + 2 <= s.Count && (end + 2 == s.Count || s[end + 2].IsSeparator || IsListSeparator(s[end + 2])) && end + 1 < s.Count && IsUnit(s[end + 1].Lower))))
            end++;
        if (end < s.Count && s[end].IsSeparator && s[end].Lower is not ("," or ";" or ")" or "(" or ".") && !IsListSeparator(s[end])) return (null, k);
        var clause = s.Skip(k + 1).Take(end - k - 1).ToList();
        var words = clause.Select(t => t.Lower).ToList();
        // "where I can mark them done" is about what users can do; "how often it should be done" still names a frequency
        var measured = wh == "how" && words.Count > 0 && words[0] is "often" or "long" or "much" or "many";
        if (words.Any(Modals.Contains) && !measured || words.Any(w => lexicon.In("markWords", w) || IsListingWord(w))) return (null, k);
        var subjectFirst = words.Count == 0 || lexicon.Is("pronoun", words[0]) || words[0].EndsWith("ed", StringComparison.Ordinal) || words[0] is "it's" or "they're" or "i've";
        List<string>? name = null;
        FieldType? type = null;
        // "how often they need water", "how often it needs watering": the last word that says what happens
        string? Content(IEnumerable<string> candidates)
        {
            foreach (var w in candidates.Reverse())
            {
                if (lexicon.IsFunctionWord(w) || lexicon.Is("have", w) || w is "need" or "needs" or "needed" or "to" or "do" or "does" or "did" or "done" or "happen" or "happens" or "occur" or "occurs" or "be") continue;
                if (w.EndsWith("ing", StringComparison.Ordinal) && lexicon.Knows(w[..^3])) return w[..^3];
                if (w.EndsWith("ed", StringComparison.Ordinal)) return lexicon.Knows(w[..^2]) ? w[..^2] : null;
                return w;
            }
            return null;
        }
        if (wh is "where" or "when" && subjectFirst)
        {
            name = [.. lexicon.ClauseFields[wh]];
            // "when I last watered them": the moment the clause names
            var last = words.FindIndex(w => w is "last" or "next" or "first");
            if (wh == "when" && last >= 0 && last + 1 < words.Count && !lexicon.IsFunctionWord(words[last + 1])) name = [words[last], words[last + 1]];
            // "when I last repotted it": a when-clause names a day, whatever its verb
            if (wh == "when") type = FieldType.Date;
        }
        else if (wh == "how" && words.Count > 0)
        {
            var rest = words.Skip(1).ToList();
            if (words[0] == "many" && rest.Count > 0 && !lexicon.IsFunctionWord(rest[0])) { name = [rest[0]]; type = FieldType.Integer; }
            // "how many I have", "how many we own", "how many are left": how many of the record there are
            else if (words[0] == "many" && rest.Count > 0 && rest.All(w => lexicon.IsFunctionWord(w) || lexicon.Is("have", w) || lexicon.Is("verb", w) || lexicon.In("quantityVerbs", w)))
            { name = [.. lexicon.ClauseFields["how many"]]; type = FieldType.Integer; }
            else if (words[0] == "much" && rest.Count > 0 && rest.FirstOrDefault(lexicon.ClauseFields.ContainsKey) is { } verb && (lexicon.Is("pronoun", rest[0]) || rest[0] == verb)) name = [.. lexicon.ClauseFields[verb]];
            else if (words[0] == "much" && rest.Count > 0 && !lexicon.IsFunctionWord(rest[0])) { name = [rest[0]]; type = FieldType.Decimal; }
            else if (lexicon.ClauseFields.TryGetValue("how " + words[0], out var named))
            {
                name = [.. named];
                // "how often I take it", "how often I clean them": a verb with a pronoun object is how often the record itself happens
                if (words[0] == "often" && Content(rest) is { } content && !(rest.Count >= 2 && lexicon.Is("pronoun", rest[^1]) && rest[^2] == content)) name = [content, .. named];
            }
            // "how productive it was (out of 10)", "how spicy it is": the quality the clause asks about
            else if (!lexicon.IsFunctionWord(words[0]) && (rest.Count == 0 || lexicon.Is("pronoun", rest[0])) && rest.Skip(1).All(w => lexicon.Is("auxiliary", w) || lexicon.IsFunctionWord(w)))
                name = [words[0]];
        }
        else if (wh == "who" && words.Count > 0)
        {
            // "who picked it" (pickedBy), "who it is assigned to" (assignedTo)
            var verb = words.FindIndex(w => !lexicon.IsFunctionWord(w) && !lexicon.Is("auxiliary", w) && (lexicon.Is("verb", w) || w.EndsWith("ed", StringComparison.Ordinal)));
            if (!lexicon.IsFunctionWord(words[0]) && !lexicon.Is("auxiliary", words[0]) && words.Skip(1).All(w => lexicon.IsFunctionWord(w))) name = [words[0], "by"];
            else if (verb > 0 && lexicon.Is("pronoun", words[0]) && verb + 1 < words.Count && lexicon.Is("preposition", words[verb + 1])) name = [words[verb], words[verb + 1]];
            type = FieldType.String; // a person, named as written: "who paid" is not whether it was paid
        }
        else if (wh is "what" or "which" && words.Count > 0)
        {
            // "what I paid", "what it cost"; "what room it is in", "which shelf"
            if (lexicon.Is("pronoun", words[0]) && words.Skip(1).FirstOrDefault(lexicon.ClauseFields.ContainsKey) is { } verb) name = [.. lexicon.ClauseFields[verb]];
            else if (!lexicon.IsFunctionWord(words[0]) && !lexicon.Is("auxiliary", words[0]) && IsNounish(clause[0]) && lexicon.IsKnownNoun(words[0])) name = [words[0]];
        }
        // a clause about the record that names no field ("how I felt", "what needs fixing") is passed over
        if (name is null)
        {
            var passed = words.Count > 0 && (subjectFirst && wh != "which" || wh is "what" or "how" or "who");
            if (passed) foreach (var t in s.Skip(k).Take(end - k)) t.PassedOver = true; // its words are listed as not understood
            return (null, passed ? end : k);
        }
        var item = new FieldDraft(name, s.Skip(k).Take(end - k)) { Type = type };
        return (item, ReadQualifiers(s, end, item));
    }

    /// <summary>"name; calories; protein in grams": a semicolon between single items continues the list ("...; cards have ..." does not).</summary>
    bool ContinuesList(List<Token> s, int k)
    {
        var j = k + 1;
        var depth = 0;
        for (; j < s.Count && s[j].Lower != ";" && s[j] != Barrier; j++)
        {
            depth += s[j].Lower == "(" ? 1 : s[j].Lower == ")" ? -1 : 0;
            if (depth > 0) continue;
            if (IsHave(s, j) || IsListSeparator(s[j]) || s[j].Lower is "belong" or "belongs" || lexicon.Is("verb", s[j].Lower) && !IsNounish(s[j])) return false;
        }
        return j > k + 1;
    }

    /// <summary>A word the lexicon knows as naming a field by itself (a type word, a category), not one that only describes ("home", "used").</summary>
    bool IsFieldNoun(string word) => lexicon.IsFieldWord(word) && !lexicon.Is("adjective", word) && !lexicon.In("stateWords", word);

    /// <summary>
    /// "lucid or not": a yes/no field. "home or away", "indoor or outdoor", "new or used": two bare words that name no
    /// field of their own are the two values of one field, named by the phrase. Returns where the item ends.
    /// </summary>
    int ReadAlternative(List<Token> s, int k, FieldDraft item)
    {
        if (k + 1 >= s.Count || s[k].Lower != "or" || !s[k + 1].IsWord) return k;
        var ends = k + 2 >= s.Count || s[k + 2].IsSeparator || IsListSeparator(s[k + 2]);
        if (!ends) return k;
        if (s[k + 1].Lower == "not")
        {
            if (item.Options.Count > 0 || item.Minimum is not null) return k;
            item.Type = FieldType.Boolean;
            item.Tokens.Add(s[k + 1]);
            return k + 2;
        }
        var other = s[k + 1].Lower;
        if (!item.Bare || item.Words.Count != 1 || lexicon.IsFunctionWord(other) || IsFieldNoun(item.Words[0]) || IsFieldNoun(other)
            || item.Tokens.Count != 1) return k;
        item.Options.AddRange([item.Words[0], other]);
        item.Words = [item.Words[0], "or", other];
        item.Bare = false;
        item.Tokens.Add(s[k + 1]);
        return k + 2;
    }

    /// <summary>
    /// "start and end times", "a first and last name", "systolic and diastolic readings": a lone modifier before "and"
    /// shares the noun of the phrase after it. Only when the modifier names no field itself ("a name and email address"
    /// are two fields), and the shared noun is plural or one article stands before the pair. Null when no pair starts at k.
    /// </summary>
    (List<FieldDraft>? Pair, int Next) ReadCoordinated(List<Token> s, int k)
    {
        var m = k;
        while (m < s.Count && s[m].IsWord && lexicon.Is("determiner", s[m].Lower)) m++;
        if (m + 3 >= s.Count || !s[m].IsWord || s[m + 1].Lower != "and" || lexicon.IsFunctionWord(s[m].Lower) || s[m].Lower == "with"
            || !s[m + 2].IsWord || lexicon.Is("determiner", s[m + 2].Lower) || IsHave(s, m)) return (null, k);
        var (second, next) = ReadItem(s, m + 2);
        if (second is null || second.Words.Count < 2 || !second.Bare) return (null, k);
        var modifier = s[m].Lower;
        var head = second.Words[^1];
        if (!Inflector.LooksPlural(head) && m == k) return (null, k);
        if (IsFieldNoun(modifier) && !lexicon.In("emptyHeads", head) || lexicon.In("countWords", modifier)) return (null, k);
        var singular = Inflector.Singular(head);
        var first = new FieldDraft([modifier, .. second.Words[1..^1], singular], s.Skip(k).Take(m + 1 - k)) { Bare = m == k };
        second.Words = [.. second.Words[..^1], singular];
        return ([first, second], next);
    }

    void AddFeatures(List<FieldDraft> items) { foreach (var item in items.Where(i => IsFeatureWord(i.Words[^1]))) AddFeature(item); }

    void AddFeature(FieldDraft item)
    {
        var word = item.Words[^1];
        var feature = lexicon.Feature("auth", word) ? "auth" : lexicon.Feature("search", word) ? "search" : "tags";
        Features.Add(feature);
        foreach (var t in item.Tokens) t.Role = "feature:" + feature;
    }

    /// <summary>"(a|the) date and time" ending an item: where it ends, or 0.</summary>
    int DateAndTimeAt(List<Token> s, int k)
    {
        var m = k;
        while (m < s.Count && s[m].IsWord && lexicon.Is("determiner", s[m].Lower)) m++;
        return m + 2 < s.Count && s[m].Lower == "date" && s[m + 1].Lower is "and" or "&" or "/" && s[m + 2].Lower == "time" && EndsItem(s, m + 2) ? m + 3 : 0;
    }

    /// <summary>"friends climbed with, ...": the word ends its item, it starts no list.</summary>
    bool EndsItem(List<Token> s, int j) => j + 1 == s.Count || IsListSeparator(s[j + 1]) || s[j + 1].IsSeparator;

    /// <summary>Whether the item starting at k is really the owner of a next definition ("..., and deals have ...").</summary>
    bool HoldsHave(List<Token> s, int k)
    {
        if (s[k].Lower is "whether" or "if") return false; // "whether it includes materials", "whether it has been repaid": a flag
        for (var j = k; j < s.Count && j < k + 6; j++)
        {
            if (s[j] == Barrier || s[j].Lower is "," or ";" or "(" or "or") return false;
            if (s[j].Lower == "and" && j > k) return false;
            // "trips link a driver and a vehicle with a start": "a vehicle with" continues the list, it defines no vehicle
            if (j > k && IsHave(s, j) && s[j].Lower != ":" && !(s[j].Lower == "with" && (s[k].Lower is "a" or "an" || EndsItem(s, j)))) return true;
            if (j > k && s[j].Lower == ":" && !StartsOptions(s, j + 1)) return true;
            if (j > k && s[j].Lower is "belong" or "belongs") return true;
        }
        return false;
    }

    /// <summary>One field phrase and what follows it: "a rating from 1 to 5", "a status (applied, interview, offer)", "number of pages".</summary>
    (FieldDraft? Item, int Next) ReadItem(List<Token> s, int k)
    {
        var tokens = new List<Token>();
        var words = new List<string>();
        FieldType? type = null;
        bool optional = false, many = false, bare = true;
        // "whether it is paid", "is paid", "if it was returned"
        if (s[k].Lower is "whether" or "if" or "is" or "has")
        {
            type = s[k].Lower == "has" ? null : FieldType.Boolean;
            tokens.Add(s[k++]);
            while (k < s.Count && s[k].IsWord && (lexicon.Is("pronoun", s[k].Lower) || lexicon.Is("auxiliary", s[k].Lower) || lexicon.Is("determiner", s[k].Lower) || s[k].Lower == "been")) tokens.Add(s[k++]);
            // "whether it includes materials", "whether it needs repairs": the verb is part of what the flag says
            if (type == FieldType.Boolean && k + 1 < s.Count && s[k].IsWord && lexicon.Is("have", s[k].Lower) && s[k].Lower.EndsWith('s') && s[k].Lower != "has"
                && s.Skip(k + 1).FirstOrDefault(w => !(w.IsWord && lexicon.Is("determiner", w.Lower))) is { IsWord: true } what && !lexicon.IsFunctionWord(what.Lower))
            {
                words.Add(s[k].Lower);
                tokens.Add(s[k++]);
                while (k < s.Count && s[k].IsWord && lexicon.Is("determiner", s[k].Lower)) tokens.Add(s[k++]);
            }
            bare = false;
        }
        while (k < s.Count && s[k].IsWord && (lexicon.Is("determiner", s[k].Lower) || lexicon.Is("quantifier", s[k].Lower) || s[k].Lower is "their" or "his" or "her" or "optional" or "an" or "own"))
        {
            if (s[k].Lower is "many" or "multiple" or "several" or "lots" or "various") many = true;
            if (s[k].Lower == "optional") optional = true;
            bare = false;
            tokens.Add(s[k++]);
        }
        // "up to 3 photos"
        if (k + 2 < s.Count && s[k].Lower == "up" && s[k + 1].Lower == "to" && s[k + 2].IsNumber) { tokens.AddRange(s.Skip(k).Take(3)); k += 3; bare = false; }
        // "a 5-star rating", "a 10-point score": the scale before the noun
        int? scale = null;
        if (k + 2 < s.Count && s[k].IsNumber && s[k + 1].Lower == "-" && s[k + 2].Lower is "star" or "point" && int.TryParse(s[k].Text, out var top) && top > 1)
        {
            scale = top;
            tokens.AddRange(s.Skip(k).Take(3));
            k += 3;
        }
        // "an on loan flag", "an in stock checkbox": a preposition opening a flag's name
        if (k + 2 < s.Count && s[k].Lower is "on" or "in" or "off" or "out" && IsNounish(s[k + 1]) && s[k + 2].IsWord && lexicon.In("typeOnlyWords", s[k + 2].Lower) && lexicon.TypeOf([s[k + 2].Lower]) == FieldType.Boolean)
        {
            words.Add(s[k].Lower);
            tokens.Add(s[k++]);
        }
        while (k < s.Count && (s[k].IsWord && (IsNounish(s[k]) || lexicon.Is("adjective", s[k].Lower) || lexicon.In("stateWords", s[k].Lower) || IsVerbInPhrase(s, k, words.Count, bare) || IsParticle(s, k, words))) && !IsHave(s, k) && words.Count < 5
               && !(s[k].Lower == "such" && k + 1 < s.Count && s[k + 1].Lower == "as"))
        {
            if (s[k].Lower == "optional") { optional = true; tokens.Add(s[k++]); continue; }
            words.Add(lexicon.Correct(s[k].Lower)); tokens.Add(s[k++]);
        }
        // "number of pages", "count of visits", "list of ingredients"
        // "a maximum number of seats" keeps its modifiers: maximumSeats
        if (words.Count is >= 1 and <= 3 && k + 1 < s.Count && s[k].Lower == "of" && (lexicon.In("countWords", words[^1]) || words[^1] is "list" or "set" or "collection"))
        {
            var counted = words[^1] != "list" && words[^1] != "set" && words[^1] != "collection";
            tokens.Add(s[k++]);
            words.RemoveAt(words.Count - 1);
            while (k < s.Count && s[k].IsWord && lexicon.Is("determiner", s[k].Lower)) tokens.Add(s[k++]);
            while (k < s.Count && (IsNounish(s[k]) || IsVerbInPhrase(s, k, words.Count, false)) && words.Count < 4) { words.Add(s[k].Lower); tokens.Add(s[k++]); }
            type = counted ? FieldType.Integer : FieldType.StringList;
            bare = false;
        }
        // "date of birth", "place of origin": a field noun with its "of" complement is one name
        // ("day of the week": without its article)
        // ("the time of the measurement" is the time: only a period of a period keeps its article's noun)
        var article = k + 2 < s.Count && s[k].Lower == "of" && s[k + 1].Lower is "the" or "a" or "an" && words.Count == 1 && IsFieldNoun(words[0]) && lexicon.In("countUnits", s[k + 2].Lower) ? 1 : 0;
        if (words.Count == 1 && k + 1 + article < s.Count && s[k].Lower == "of" && IsNounish(s[k + 1 + article]) && !IsHave(s, k + 1 + article) && (k + 2 + article >= s.Count || !IsNounish(s[k + 2 + article])))
        {
            words.Add("of"); words.Add(s[k + 1 + article].Lower);
            tokens.AddRange(s.Skip(k).Take(2 + article));
            k += 2 + article;
        }
        // "created at", "an opened at timestamp", "applied on (date)": a moment, named with its "at" or "on"
        // ("places stayed at", "songs worked on": after a noun the preposition belongs to a verb; it names a moment only after one word)
        // "valid from", "available until": the day it starts or ends
        if (words.Count == 1 && k < s.Count && (s[k].Lower is "at" or "on" || s[k].Lower is "from" or "until" or "till" or "since" && !IsFieldNoun(words[0]) && !(k + 1 < s.Count && s[k + 1].IsNumber))
            && (k + 1 == s.Count || !s[k + 1].IsWord || IsListSeparator(s[k + 1]) || lexicon.TypeOf([s[k + 1].Lower]) is FieldType.DateTime or FieldType.Date))
        {
            type = s[k].Lower == "at" ? FieldType.DateTime : FieldType.Date;
            words.Add(s[k].Lower); tokens.Add(s[k++]);
            if (k < s.Count && s[k].IsWord && lexicon.TypeOf([s[k].Lower]) is FieldType.DateTime or FieldType.Date) type = lexicon.TypeOf([s[k].Lower]);
            if (k < s.Count && s[k].IsWord && lexicon.TypeOf([s[k].Lower]) is FieldType.DateTime or FieldType.Date) tokens.Add(s[k++]);
            // "(date)", "(date and time)": the type in brackets
            if (k + 2 < s.Count && s[k].Lower == "(" && s[k + 2].Lower == ")" && lexicon.TypeOf([s[k + 1].Lower]) is FieldType.DateTime or FieldType.Date)
            {
                type = lexicon.TypeOf([s[k + 1].Lower]);
                tokens.AddRange(s.Skip(k).Take(3));
                k += 3;
            }
            else if (k + 4 < s.Count && s[k].Lower == "(" && s[k + 4].Lower == ")" && s[k + 2].Lower is "and" or "/" && lexicon.TypeOf([s[k + 1].Lower]) is FieldType.Date && lexicon.TypeOf([s[k + 3].Lower]) is FieldType.DateTime)
            {
                type = FieldType.DateTime;
                tokens.AddRange(s.Skip(k).Take(5));
                k += 5;
            }
            bare = false;
        }
        // "a best before date", "a use by date": a preposition inside the compound, before the day it names
        if (words.Count > 0 && k + 1 < s.Count && s[k].Lower is "before" or "by" or "after" && s[k + 1].IsWord
            && lexicon.TypeOf([s[k + 1].Lower]) is FieldType.Date or FieldType.DateTime && EndsItem(s, k + 1))
        {
            words.Add(s[k].Lower); words.Add(s[k + 1].Lower);
            tokens.Add(s[k++]); tokens.Add(s[k++]);
            bare = false;
        }
        // "songs worked on, ...": a preposition that ends the item belongs to its verb; "bought for (price)": so does one before a bracketed type
        if (words.Count > 0 && k < s.Count && (lexicon.Is("preposition", s[k].Lower) || s[k].Lower == "with") && s[k].Lower != "of")
        {
            var endsItem = k + 1 == s.Count || IsListSeparator(s[k + 1]) || s[k + 1].IsSeparator && s[k + 1].Lower != "(";
            // "assigned to", "recommended by", "lent to": who the record went to or came from, named with its preposition
            if (endsItem && words.Count == 1 && s[k].Lower is "to" or "by" or "with" or "for" && bare && IsParticipleWord(words[0]))
            {
                words.Add(s[k].Lower);
                tokens.Add(s[k++]);
                type = FieldType.String;
            }
            // "goals for, goals against", "a time in and a time out": after a noun it is part of the name
            else if ((k + 1 == s.Count || IsListSeparator(s[k + 1]) || s[k + 1].IsSeparator && s[k + 1].Lower != "(") && s[k].Lower is "for" or "against" or "in" or "out" or "off" or "up"
                && !lexicon.Is("verb", words[^1]) && !words[^1].EndsWith("ed", StringComparison.Ordinal) && !lexicon.In("stateWords", words[^1]))
            {
                words.Add(s[k].Lower);
                tokens.Add(s[k++]);
            }
            else if (k + 1 == s.Count || IsListSeparator(s[k + 1]) || s[k + 1].IsSeparator && s[k + 1].Lower != "(") tokens.Add(s[k++]);
            else if (s[k].Lower == "with") { } // "books with a title": the list's own have-word, read by the caller
            else if (k + 3 < s.Count && s[k + 1].Lower == "(" && s[k + 3].Lower == ")" && lexicon.TypeOf([s[k + 2].Lower]) is { } bracketed)
            {
                type = bracketed;
                tokens.AddRange(s.Skip(k).Take(4));
                k += 4;
            }
        }
        // "steps to reproduce", "places to visit": an infinitive after the noun is part of its name
        if (words.Count > 0 && k + 1 < s.Count && s[k].Lower == "to" && s[k + 1].IsWord && !lexicon.IsFunctionWord(s[k + 1].Lower) && !IsHave(s, k + 1)
            && (k + 2 == s.Count || IsListSeparator(s[k + 2]) || s[k + 2].IsSeparator) && !IsFieldNoun(s[k + 1].Lower)
            && (lexicon.Is("verb", s[k + 1].Lower) || !Inflector.LooksPlural(s[k + 1].Lower) && !lexicon.IsKnownNoun(s[k + 1].Lower)))
        {
            words.Add("to"); words.Add(s[k + 1].Lower);
            tokens.Add(s[k++]); tokens.Add(s[k++]);
        }
        // "the time they arrived", "the price I paid": a clause that says which one; the noun is the field
        if (words.Count > 0 && k + 1 < s.Count && s[k].Lower is "i" or "we" or "they" or "he" or "she" or "you" && s[k + 1].IsWord && !lexicon.Is("auxiliary", s[k + 1].Lower) && !lexicon.Is("have", s[k + 1].Lower))
            while (k < s.Count && !IsListSeparator(s[k]) && !s[k].IsSeparator && s[k] != Barrier) tokens.Add(s[k++]);
        if (words.Count == 0) return (null, k);
        var item = new FieldDraft(words, tokens) { Type = type, Optional = optional, Many = many };
        if (scale is not null) (item.Minimum, item.Maximum) = (1, scale);
        k = ReadQualifiers(s, k, item);
        item.Bare = bare && item.Options.Count == 0 && item.Minimum is null && !item.Optional;
        return (item, k);
    }

    /// <summary>"assigned", "lent", "recommended": a past participle (a regular one, or one the lexicon knows as a state).</summary>
    bool IsParticipleWord(string word) =>
        word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4 && lexicon.TypeOf([word]) is null or FieldType.Boolean
        || lexicon.In("stateWords", word) || lexicon.TypeOf([word]) == FieldType.Boolean && !lexicon.In("typeOnlyWords", word);

    /// <summary>"assigned to,", "valid from.": a word whose item ends with the preposition after it.</summary>
    bool EndsWithPreposition(List<Token> s, int k) =>
        k + 1 < s.Count && lexicon.Is("preposition", s[k + 1].Lower) && s[k + 1].Lower != "of"
        && (k + 2 == s.Count || IsListSeparator(s[k + 2]) || s[k + 2].IsSeparator && s[k + 2].Lower != "(");

    /// <summary>"a follow up needed flag", "a pick up time", "a drop off point": the particle of a verb that names the field with the noun after it.</summary>
    bool IsParticle(List<Token> s, int k, List<string> words) =>
        words.Count > 0 && k < s.Count && s[k].Lower is "up" or "off" or "out" or "in" or "down" or "over" or "back" && lexicon.Is("verb", words[^1])
        && k + 1 < s.Count && s[k + 1].IsWord && !lexicon.IsFunctionWord(s[k + 1].Lower) && !IsListSeparator(s[k + 1]) && !IsHave(s, k + 1);

    /// <summary>
    /// A word the lexicon tags as a verb that is a noun where it stands in a field phrase: after a determiner
    /// ("a cook", "a start time", "a tracking number"), or opening a bare item before a noun ("start date, completed").
    /// </summary>
    bool IsVerbInPhrase(List<Token> s, int k, int wordsBefore, bool bare)
    {
        if (!s[k].IsWord || !lexicon.Is("verb", s[k].Lower) || lexicon.IsFunctionWord(s[k].Lower) || lexicon.Is("have", s[k].Lower) && s[k].Lower is "have" or "has" or "with" or "having") return false;
        var next = k + 1 < s.Count ? s[k + 1] : null;
        // "assigned to,": a participle that names the field with its preposition (see ReadItem)
        if (wordsBefore == 0 && EndsWithPreposition(s, k) && IsParticipleWord(s[k].Lower)) return true;
        // "a follow up needed flag", "pick up time": a verb before its particle and a noun
        if (IsParticle(s, k + 1, [s[k].Lower]) && (!bare || wordsBefore > 0 || k == 0 || s[k - 1].IsSeparator || IsListSeparator(s[k - 1]))) return true;
        // "a starts at datetime", "a shipped on date": the moment the verb names (see ReadItem)
        if (next?.Lower is "at" or "on" && (k + 2 >= s.Count || s[k + 2].IsSeparator || IsListSeparator(s[k + 2])
            || lexicon.TypeOf([s[k + 2].Lower]) is FieldType.DateTime or FieldType.Date) && k > 0 && lexicon.Is("determiner", s[k - 1].Lower))
            return true;
        // "showing totals by category", "with search": a verb that introduces a feature is not part of a field's name
        if (next is not null && (IsFeatureWord(next.Lower) || lexicon.Feature("totals", next.Lower))) return false;
        var nounAfter = next is not null && next.IsWord && !lexicon.IsFunctionWord(next.Lower) && next.Lower != "with" && !IsHave(s, k + 1);
        var ends = next is null || next.IsSeparator || IsListSeparator(next);
        if (!bare) return nounAfter || ends && wordsBefore == 0 || wordsBefore > 0 && ends;
        // inside a comma list of fields ("..., water temp, brew time"), a verb before the noun that ends the item is that noun's modifier
        if (wordsBefore == 0 && k > 0 && s[k - 1].Lower == "," && nounAfter && !IsStrictVerb(next!.Lower)
            && (k + 2 >= s.Count || s[k + 2].IsSeparator || IsListSeparator(s[k + 2]) || s[k + 2].Lower is "in" or "per"))
            return true;
        // "lease start,", "race finish)": the last word of an item, after its noun, is a noun
        if (wordsBefore > 0 && ends && !IsFeatureWord(s[k].Lower)) return true;
        if (lexicon.In("objectVerbs", s[k].Lower) || lexicon.In("markWords", s[k].Lower) || IsFeatureWord(s[k].Lower) || lexicon.Feature("sort", s[k].Lower) || lexicon.Feature("filter", s[k].Lower)) return false;
        var known = next is not null && (lexicon.TypeOf([next.Lower]) is not null || lexicon.IsKnownNoun(next.Lower));
        return wordsBefore == 0 && nounAfter && known && (k == 0 || s[k - 1].IsSeparator || IsListSeparator(s[k - 1]));
    }

    /// <summary>What follows a field's noun phrase: bounds, options in parentheses or after ":"/"of", "(optional)", units.</summary>
    int ReadQualifiers(List<Token> s, int k, FieldDraft item)
    {
        while (k < s.Count)
        {
            if (RangeAt(s, k, out var min, out var max, out var end)) { item.Minimum = min; item.Maximum = max; item.Tokens.AddRange(s.Skip(k).Take(end - k)); k = end; continue; }
            var t = s[k];
            if (t.Lower == "(")
            {
                var close = k + 1;
                while (close < s.Count && s[close].Lower != ")" && close < k + 40) close++;
                var inside = s.Skip(k + 1).Take(close - k - 1).ToList();
                item.Tokens.AddRange(inside);
                if (NamesFields(item.Words, inside))
                {
                    // "patients (name, date of birth, insurance number)": records with their fields
                    var list = new List<Token>(inside);
                    ReadList(list, 0, Singular(item.Words), sentenceNumber, false);
                    item.DefinesRecord = true;
                }
                else if (inside.Any(i => i.Lower is "optional" or "optionally")) item.Optional = true;
                else if (inside is [{ IsWord: true } only] && lexicon.TypeOf([only.Lower]) is { } bracketed) item.Type = bracketed; // "bought for (price)", "due (date)"
                else if (RangeAt(inside, 0, out min, out max, out _)) { item.Minimum = min; item.Maximum = max; }
                else if (inside.Count(i => IsListSeparator(i)) > 0 && !inside.Any(i => i.Lower is "e" or "eg" or "like" or "such")) ReadOptions(inside, 0, item);
                k = Math.Min(close + 1, s.Count);
                continue;
            }
            // "a make such as Ford or Toyota", "a genre like fiction or biography", "e.g. ...": examples, not a closed list
            if ((t.Lower is "like" or "eg" || t.Lower == "such" && k + 1 < s.Count && s[k + 1].Lower == "as") && k + 1 < s.Count)
            {
                var e = k + (t.Lower == "such" ? 2 : 1);
                if (e < s.Count && s[e].IsWord && !lexicon.Is("determiner", s[e].Lower) && !IsHave(s, e))
                {
                    while (e < s.Count && (s[e].IsWord || s[e].Lower is "," or "/") && !(s[e].Lower == "," && e + 1 < s.Count && (lexicon.Is("determiner", s[e + 1].Lower) || s[e + 1].Lower == "and")) && s[e] != Barrier) item.Tokens.Add(s[e++]);
                    k = e;
                    continue;
                }
            }
            if (t.Lower is ":" or "of" or "from" && k + 1 < s.Count && StartsOptions(s, k + 1)) { k = ReadOptions(s, k + 1, item); continue; }
            if (OptionsClauseAt(s, k) is var options and > 0) { k = ReadOptions(s, options, item); continue; }
            if (t.Lower is "in" or "as" or "per" && k + 1 < s.Count && s[k + 1].IsWord && k + 2 <= s.Count && (k + 2 == s.Count || s[k + 2].IsSeparator || IsListSeparator(s[k + 2])) && !IsHave(s, k + 1))
            {
                item.Tokens.Add(s[k + 1]); // units: "a weight in kg", "a distance in km", "a goal per week"
                if (t.Lower == "in") item.Unit = s[k + 1].Lower;
                if (t.Lower == "per") item.Per = s[k + 1].Lower;
                k += 2;
                continue;
            }
            if (t.Lower == "in" && UnitAt(s, k + 1, out var unit, out var unitEnd))
            {
                item.Tokens.AddRange(s.Skip(k + 1).Take(unitEnd - k - 1)); // "in square metres", "in fluid ounces", "in miles per hour"
                item.Unit = unit;
                k = unitEnd;
                continue;
            }
            if (t.Lower is "is" or "can" && k + 1 < s.Count && (s[k + 1].Lower is "optional" || s[k + 1].Lower == "be" && k + 2 < s.Count && s[k + 2].Lower is "optional" or "empty" or "blank"))
            {
                item.Optional = true;
                k += s[k + 1].Lower == "be" ? 3 : 2;
                continue;
            }
            if (t.Lower is "optional" or "optionally") { item.Optional = true; item.Tokens.Add(t); k++; continue; }
            break;
        }
        return k;
    }

    /// <summary>
    /// A unit of several words up to the end of the item: "square metres", "fluid ounces", "miles per hour". The unit
    /// is its first word the lexicon knows as a unit; a modifier before it ("square", "fluid") only qualifies it.
    /// </summary>
    bool UnitAt(List<Token> s, int k, out string unit, out int end)
    {
        unit = ""; end = k;
        var i = k;
        while (i < s.Count && i < k + 4 && s[i].IsWord && !IsListSeparator(s[i]) && !IsHave(s, i)) i++;
        if (i == k || i < s.Count && !(s[i].IsSeparator || IsListSeparator(s[i]))) return false;
        var at = k;
        while (at < i && !(IsUnit(s[at].Lower) && s[at].Lower != "in") && !lexicon.IsFunctionWord(s[at].Lower)) at++;
        if (at == i || !IsUnit(s[at].Lower)) return false;
        unit = s[at].Lower;
        end = i;
        return true;
    }

    bool IsUnit(string word) => lexicon.In("measureUnits", word) || lexicon.In("countUnits", word) || lexicon.In("currencyUnits", word);

    /// <summary>A plural noun whose parentheses list mostly field words names records and their fields, not options.</summary>
    bool NamesFields(List<string> words, List<Token> inside, bool loose = false)
    {
        if (!Inflector.LooksPlural(words[^1]) || !inside.Any(IsListSeparator)) return false;
        var parts = new List<List<string>>();
        var part = new List<string>();
        var options = false; // "side: left, right or bottle" is one field with its values
        foreach (var t in inside.Append(new Token(-1, ",", TokenKind.Punct)))
        {
            if (t.Lower == ":") options = true;
            else if (IsListSeparator(t) && !(options && t.Index >= 0)) { if (part.Count > 0) parts.Add(part); part = []; }
            else if (t.IsWord && !options) part.Add(t.Lower);
        }
        // outside a field list no field's values can follow, so one field word among the parts is enough
        return parts.Count >= 2 && (loose ? parts.Any(p => p.Any(lexicon.IsFieldWord)) : parts.Count(p => p.Any(lexicon.IsFieldWord)) * 2 >= parts.Count);
    }

    /// <summary>"that is either fixed or variable", "which can be low, medium or high", "is one of a, b or c": where the options start, or 0.</summary>
    int OptionsClauseAt(List<Token> s, int k)
    {
        var i = k;
        if (i < s.Count && s[i].Lower is "that" or "which") i++;
        if (i >= s.Count || s[i].Lower is not ("is" or "are" or "can" or "must" or "should" or "will")) return 0;
        i++;
        if (i < s.Count && s[i].Lower == "be") i++;
        if (i < s.Count && s[i].Lower == "either") i++;
        else if (i + 1 < s.Count && s[i].Lower == "one" && s[i + 1].Lower == "of") i += 2;
        return i < s.Count && StartsOptions(s, i) ? i : 0;
    }

    int ReadOptions(List<Token> s, int k, FieldDraft item)
    {
        var option = new List<string>();
        var sawOr = false;
        for (; k < s.Count; k++)
        {
            var t = s[k];
            if (t.Lower is ")" or ";" || t == Barrier) break;
            if (IsListSeparator(t))
            {
                if (option.Count > 0) { item.Options.Add(string.Join(' ', option)); option = []; }
                if (sawOr) break;
                if (t.Lower == "or") sawOr = true;
                continue;
            }
            if (!t.IsWord && !t.IsNumber) break;
            if (t.Lower == "etc") continue;
            option.Add(t.Lower);
            item.Tokens.Add(t);
        }
        if (option.Count > 0) item.Options.Add(string.Join(' ', option));
        return k;
    }

    /// <summary>"from 1 to 5", "between 0 and 100", "1-10", "out of 10", "on a scale of 1 to 10".</summary>
    static bool RangeAt(List<Token> s, int k, out int min, out int max, out int end)
    {
        min = max = 0; end = k;
        var i = k;
        if (i < s.Count && s[i].Lower is "on" && i + 3 < s.Count && s[i + 2].Lower == "scale") i += 3; // "on a scale"
        if (i < s.Count && s[i].Lower is "scale" && i + 1 < s.Count && s[i + 1].Lower is "of" or "from") i += 2;
        if (i + 2 < s.Count && s[i].Lower == "out" && s[i + 1].Lower == "of" && s[i + 2].IsNumber && int.TryParse(s[i + 2].Text, out max))
        {
            min = 1; end = i + 3; return true;
        }
        if (i < s.Count && s[i].Lower is "from" or "between" or "of" or "range" or "ranging") i++;
        if (i < s.Count && s[i].Lower is "from") i++;
        if (i + 2 < s.Count && s[i].IsNumber && s[i + 1].Lower is "to" or "-" or "–" or "and" or "through" && s[i + 2].IsNumber
            && int.TryParse(s[i].Text, out min) && int.TryParse(s[i + 2].Text, out max) && min <= max)
        {
            end = i + 3;
            if (end < s.Count && s[end].Lower is "%" or "stars" or "points") end++;
            return true;
        }
        return false;
    }
}
