namespace Catalyst.Agents.Understanding;

/// <summary>
/// Reads the records a request describes, clause by clause: "X(s) have/with/contain A, B and C", "each X has
/// ...", "X: a, b, c", "track X with ...", "Ys belong to an X", "users can &lt;verb&gt; &lt;object&gt;", "mark them
/// closed", "sort/filter by F". Words are tagged with the <see cref="Lexicon"/>; a word it does not know is a noun.
/// </summary>
public sealed partial class StructureReader(Lexicon lexicon)
{
    static readonly Token Barrier = new(-1, ";", TokenKind.Punct);

    public List<EntityDraft> Entities { get; } = [];
    public List<ListingRequest> Listings { get; } = [];
    public List<StateRequest> States { get; } = [];
    public List<(List<string> Child, List<string> Parent)> BelongsTo { get; } = [];

    /// <summary>"employees ... work in a department": a reference when the place is a record of the request, else a field naming it.</summary>
    public List<(List<string> Child, List<string> Place, List<Token> Tokens)> Placements { get; } = [];
    public List<string> Features { get; } = [];

    /// <summary>The head of the request's app phrase ("tracker" in "a parking garage tracker"): lists hanging off it belong to the app.</summary>
    public string? AppHead { get; set; }

    /// <summary>Whether the last owner read was written in the plural ("applications have"): then it is records, not the app.</summary>
    bool LastOwnerPlural { get; set; }

    public void Read(List<Token> tokens)
    {
        var sentence = new List<Token>();
        var number = 0;
        var listing = false;
        foreach (var token in tokens.Append(new Token(-1, ".", TokenKind.Break)))
        {
            // "Books to read:\ntitle\nauthor": lines under a heading that ends in ":" are the items of one list;
            // so are bullets under a heading that says nothing itself ("Job applications tracker\n- company\n- role")
            var heading = token.Kind == TokenKind.Break && token.Bullet && !listing && IsHeading(sentence);
            listing = token.Kind == TokenKind.Break ? token.Text == "\n" && (listing || sentence.Count > 0 && sentence[^1].Lower == ":" || heading) : listing;
            if (listing && token.Kind == TokenKind.Break)
            {
                if (sentence.Count > 0 && sentence[^1].Lower != ":") sentence.Add(new Token(-1, heading ? ":" : ",", TokenKind.Punct));
                continue;
            }
            if (token.Kind == TokenKind.Break)
            {
                if (sentence.Count > 0) ReadSentence(sentence, number++);
                sentence = [];
                continue;
            }
            sentence.Add(token.Consumed ? Barrier : token);
        }
    }

    int sentenceNumber;

    /// <summary>A line of nouns only ("Job applications tracker", "My wine cellar"): a heading over the bullets under it.</summary>
    bool IsHeading(List<Token> sentence) =>
        sentence.Count is > 0 and <= 8 && sentence.All(t => t.IsWord) && sentence.Any(IsNounish)
        && !Enumerable.Range(1, sentence.Count - 1).Any(i => IsHave(sentence, i) || IsStrictVerb(sentence[i].Lower));

    /// <summary>Whether the owner read last was held by the one before it ("each plant has many harvests with ...", "albums contain tracks with ...").</summary>
    bool OwnerQuantified { get; set; }

    /// <summary>The records named last, which a later "they have ..." is about.</summary>
    List<string>? lastRecord;

    void ReadSentence(List<Token> s, int number)
    {
        sentenceNumber = number;
        List<string>? subject = null;
        for (var i = 0; i < s.Count; i++)
        {
            var t = s[i];
            // "the website should have functionalities for posting X, ...", "users should be able to browse Y": what the app does
            if (ActionListAt(s, i) is { } actions)
            {
                var end = ReadActions(s, actions.Start, actions.Verbal, number);
                i = Math.Max(i, end - 1);
                continue;
            }
            // "for each run I want the date, ...", "for every book we'd like the title ...": the records named after "for each"
            if (WantsAfterEach(s, i) is { } wanted)
            {
                subject = wanted.Owner;
                var end = ReadList(s, wanted.Start, wanted.Owner, number, true);
                i = Math.Max(i, end - 1);
                continue;
            }
            if (IsHave(s, i))
            {
                var owner = OwnerBefore(s, i, out var each);
                // "inspections belong to a site and have a date": the verbs share their subject
                if (owner is null && i > 0 && s[i - 1].Lower == "and" && lexicon.Is("have", t.Lower) && t.Lower != "with" && subject is not null)
                {
                    owner = subject;
                    LastOwnerPlural = true; // a record already named, never the app
                }
                // "Books. They have a title ...", "Notes. Each has ...": a pronoun opening the sentence stands for the records named last
                if (owner is null && (i is 1 or 2 && s[0].Lower is "they" or "it" or "each" or "these" || PronounSubjectBefore(s, i) == 0)
                    && lexicon.Is("have", t.Lower) && t.Lower != "with")
                {
                    owner = lastRecord ?? (AppHead is null ? null : [AppHead]);
                    LastOwnerPlural = lastRecord is not null;
                }
                // "my houseplants - each one has ...", "I collect vinyl records; each of them has ...": a pronoun after a
                // clause break stands for the records named just before the break
                if (owner is null && lexicon.Is("have", t.Lower) && t.Lower != "with" && PronounSubjectBefore(s, i) is > 1 and var start
                    && s[start - 1].Lower is ":" or ";" && OwnerBefore(s, start - 1, out _) is { } named)
                {
                    owner = named;
                    LastOwnerPlural = true;
                }
                if (owner is null) continue;
                // "each plant has many harvests with a date", "albums contain tracks with ...": the held records belong to the holder
                if (OwnerQuantified && subject is not null && !subject.SequenceEqual(owner)) Mention(owner, number).Parent ??= subject;
                subject = owner;
                var end = ReadList(s, i + 1, owner, number, each);
                i = Math.Max(i, end - 1);
                continue;
            }
            if ((t.Lower is "belong" or "belongs" or "linked" or "attached" or "assigned" && s[i + 1 < s.Count ? i + 1 : i].Lower == "to" || t.Lower == "part" && i > 0 && s[i - 1].Lower is "are" or "is" && s[i + 1 < s.Count ? i + 1 : i].Lower == "of") && i + 2 < s.Count)
            {
                var child = OwnerBefore(s, i, out _);
                var parent = PhraseAfter(s, i + 2, out var last);
                if (child is not null && parent is not null)
                {
                    var c = Mention(child, number); var p = Mention(parent, number);
                    subject = c.Words;
                    BelongsTo.Add((c.Words, p.Words));
                    t.Role = "relation";
                    i = last;
                }
                continue;
            }
            // "a baby tracker for feeds (time, amount in ml, side)": records named with their fields in brackets
            if (t.Lower == "(" && i > 0 && s[i - 1].IsWord && Inflector.LooksPlural(s[i - 1].Lower))
            {
                var close = i + 1;
                while (close < s.Count && s[close].Lower != ")" && s[close] != Barrier) close++;
                var inside = s.Skip(i + 1).Take(close - i - 1).ToList();
                if (NamesFields([s[i - 1].Lower], inside, loose: true) && OwnerBefore(s, i, out _) is { } records)
                {
                    subject = records;
                    ReadList(inside, 0, records, number, false);
                    i = close;
                    continue;
                }
            }
            if (lexicon.In("markWords", t.Lower) && ReadMark(s, i, number) is var markEnd && markEnd > i) { i = markEnd; continue; }
            // "notes ... can be pinned", "tasks can be archived": a state the records can be put in, like "mark them pinned"
            if (t.Lower == "be" && i > 0 && s[i - 1].Lower is "can" or "may" or "should" && i + 1 < s.Count && lexicon.In("stateWords", s[i + 1].Lower)
                && (i + 2 == s.Count || s[i + 2].IsSeparator || IsListSeparator(s[i + 2]) || lexicon.Is("preposition", s[i + 2].Lower)))
            {
                States.Add(new StateRequest(s[i + 1].Lower, s[i + 1], subject is null ? null : Mention(subject, number).Words));
                i++;
                continue;
            }
            if ((lexicon.Feature("sort", t.Lower) || lexicon.Feature("filter", t.Lower) || lexicon.Feature("search", t.Lower)) && ReadListing(s, i) is var listingEnd && listingEnd > i)
            {
                i = listingEnd;
                continue;
            }
            // "Contacts have a name and an email. Optionally a phone number and a birthday.": more fields of the records named last
            if (i == 0 && t.Lower is "optionally" or "also" or "plus" && (lastRecord ?? (AppHead is null ? null : [AppHead])) is { } more && StartsFieldList(s, 1))
            {
                LastOwnerPlural = lastRecord is not null;
                var end = ReadList(s, 1, more, number, false);
                if (t.Lower == "optionally") foreach (var d in Entities.Where(d => d.Same(more) || lastRecord is null && d.Words[0] == SubjectMarker)) foreach (var f in d.Fields.Where(f => f.Tokens.Any(x => x.Index > t.Index))) f.Optional = true;
                i = Math.Max(i, end - 1);
                continue;
            }
            // "store the title, author and rating of each book": the records come after the fields
            if ((lexicon.In("objectVerbs", t.Lower) || lexicon.In("commandVerbs", t.Lower)) && StartsFieldList(s, i + 1) && RecordsAfterList(s, i + 1) is { } kept)
            {
                t.Role ??= "structure";
                var end = ReadList(s, i + 1, kept, number, true);
                subject = kept;
                i = Math.Max(i, end - 1);
                continue;
            }
            // "a feedback form where people submit a name, an email and comments": what people fill in are the app's fields
            if ((lexicon.In("objectVerbs", t.Lower) || lexicon.In("entryVerbs", t.Lower)) && i > 0 && IsVerbPosition(s, i) && AppHead is not null && StartsFieldList(s, i + 1))
            {
                t.Role ??= "structure";
                LastOwnerPlural = false;
                var end = ReadList(s, i + 1, [AppHead], number, false);
                i = Math.Max(i, end - 1);
                continue;
            }
            // "... to keep track of my camera lenses": the records the request keeps, named in full
            if (t.Lower == "track" && i > 0 && s[i - 1].Lower is "keep" or "keeping" && i + 2 < s.Count && s[i + 1].Lower == "of"
                && PhraseAfter(s, i + 2, out var trackedEnd) is { } tracked && Inflector.LooksPlural(s[trackedEnd].Lower) && !lexicon.In("appWords", tracked[^1]) && !IsFeatureWord(tracked[^1]))
            {
                Mention(tracked, number);
                i = trackedEnd;
                continue;
            }
            if (lexicon.In("objectVerbs", t.Lower) && i > 0 && IsVerbPosition(s, i))
            {
                var obj = PhraseAfter(s, i + 1, out var last);
                // "I teach piano", "we run a bakery": what the user does, not the records the app keeps
                var pursuit = s[i - 1].Lower is "i" or "we" && obj is not null && !Inflector.LooksPlural(s[last].Lower);
                // "suggest books", "share lists": an app word in the plural is many records, not the app
                var appWord = obj is not null && lexicon.In("appWords", obj[^1]) && (!Inflector.LooksPlural(s[last].Lower) || obj[^1] == AppHead);
                if (obj is not null && !pursuit && !appWord && !IsFeatureWord(obj[^1]))
                {
                    Mention(obj, number);
                    t.Role ??= "structure";
                    var actor = OwnerBefore(s, i, out _);
                    if (actor is not null) for (var k = i - 1; k >= 0 && s[k].IsWord && !lexicon.IsFunctionWord(s[k].Lower); k--) s[k].Role ??= "actor";
                }
            }
        }
    }

    /// <summary>
    /// "for each run I want the date ...", "for every wine I'd like to keep the name ...": a wish after "for each X"
    /// lists X's fields. The owner, and where its list starts; null when the pattern is not at i.
    /// </summary>
    (List<string> Owner, int Start)? WantsAfterEach(List<Token> s, int i)
    {
        if (s[i].Lower is not ("want" or "need" or "like") || i < 4) return null;
        var p = i - 1;
        if (s[p].Lower is "would" or "d" or "also" or "really") p--;
        if (p < 3 || s[p].Lower is not ("i" or "we")) return null;
        var k = p - 1;
        var words = new List<string>();
        // after "each" a word the lexicon also knows as a verb is the noun ("for each run")
        while (k >= 0 && s[k].IsWord && !lexicon.IsFunctionWord(s[k].Lower) && (IsNounish(s[k]) || lexicon.Is("verb", s[k].Lower)) && words.Count < 3) words.Insert(0, s[k--].Lower);
        if (words.Count == 0 || k < 1 || s[k].Lower is not ("each" or "every") || s[k - 1].Lower != "for") return null;
        var start = i + 1;
        // "I want to keep the name ...", "I need to record ..."
        if (start + 1 < s.Count && s[start].Lower == "to" && s[start + 1].IsWord && lexicon.Is("verb", s[start + 1].Lower)) start += 2;
        return StartsFieldList(s, start) ? (Singular(words), start) : null;
    }

    /// <summary>"... of each book", "... for every trip": the records a list of fields before them belongs to.</summary>
    List<string>? RecordsAfterList(List<Token> s, int k)
    {
        for (var j = k; j + 2 < s.Count && s[j] != Barrier && !(s[j].IsSeparator && !IsListSeparator(s[j])); j++)
            if (s[j].Lower is "of" or "for" && s[j + 1].Lower is "each" or "every" or "all" or "my")
                return PhraseAfter(s, j + 1, out _);
        return null;
    }

    /// <summary>"a name, an email and ...": a list whose first two items are field words, not a record named by its noun.</summary>
    bool StartsFieldList(List<Token> s, int k)
    {
        if (k < s.Count && IsHave(s, k)) return false;
        var fields = 0;
        Token? last = null;
        for (var j = k; j <= s.Count && j < k + 14; j++)
        {
            var ends = j == s.Count || s[j] == Barrier || IsListSeparator(s[j]) || s[j].IsSeparator;
            if (!ends) { if (s[j].IsWord && !lexicon.IsFunctionWord(s[j].Lower)) last = s[j]; continue; }
            // each item ends in a field word: "the name, phone number and email address"
            if (last is null || !IsFieldNoun(last.Lower)) return false;
            if (++fields == 2) return true;
            last = null;
            if (j == s.Count || s[j] == Barrier || s[j].IsSeparator && !IsListSeparator(s[j])) return false;
        }
        return false;
    }

    /// <summary>Whether the token joins a record to what it holds: have, has, with, contains, includes, ":" ...</summary>
    bool IsHave(List<Token> s, int i)
    {
        var t = s[i];
        if (t.Lower == ":") return i > 0 && i + 1 < s.Count && s[i + 1].IsWord && !StartsOptions(s, i + 1);
        if (!lexicon.Is("have", t.Lower) || i + 1 >= s.Count) return false;
        if (t.Lower is "have" or "has" or "with" or "contain" or "contains" or "include" or "includes" or "consist" or "consists" or "hold" or "holds" or "having" or "containing" or "including")
            return true;
        // weak: "records", "tracks", "keeps" are verbs only after a subject and before what they hold
        // ("runners record their runs": what people do with their own records, not what the runners hold)
        return i > 0 && IsVerbPosition(s, i) && (s[i + 1].IsWord && !lexicon.Is("preposition", s[i + 1].Lower) && s[i + 1].Lower is not ("their" or "his" or "her"));
    }

    bool IsVerbPosition(List<Token> s, int i)
    {
        var before = s[i - 1].Lower;
        return lexicon.Is("relative", before) || lexicon.Is("auxiliary", before) || lexicon.Is("pronoun", before) || before is "to" or "and"
            || (s[i - 1].IsWord && Inflector.LooksPlural(before) && !lexicon.IsFunctionWord(before) && !lexicon.Is("determiner", before))
            // "each entry records ...", "every exercise entry logs ...": a singular subject after each/every
            || (s[i - 1].IsWord && !lexicon.IsFunctionWord(before) && EachBefore(s, i - 1));
    }

    static bool EachBefore(List<Token> s, int noun)
    {
        for (var k = noun - 1; k >= 0 && k >= noun - 3; k--)
        {
            if (s[k].Lower is "each" or "every") return true;
            if (!s[k].IsWord) return false;
        }
        return false;
    }

    bool StartsOptions(List<Token> s, int i)
    {
        // "priority: low, medium or high" - single words up to an "or"; after a categorical word
        // ("status: active, paused, done") single words to the end of the segment are its values too
        var categorical = i >= 2 && s[i - 1].Lower == ":" && lexicon.In("categorical", s[i - 2].Lower);
        // "Matches: opponent, date, home or away": a plural heading introduces fields, not values
        if (i >= 2 && s[i - 1].Lower == ":" && s[i - 2].IsWord && !categorical && Inflector.LooksPlural(s[i - 2].Lower))
        {
            var h = i - 3;
            while (h >= 0 && IsNounish(s[h])) h--;
            if (h < 0 || s[h].IsSeparator || lexicon.Is("determiner", s[h].Lower)) return false;
        }
        // "child, date, amount, reason, spent or saved": values are not field names
        if (s.Skip(i).Take(12).TakeWhile(t => !t.IsSeparator || t.Lower is "," or "/").Count(t => t.IsWord && IsFieldNoun(t.Lower)) >= 2) return false;
        var words = 0;
        var k = i;
        for (; k < s.Count && k < i + 12; k++)
        {
            if (s[k].Lower == "or") return k + 1 < s.Count && s[k + 1].IsWord && (k + 2 >= s.Count || s[k + 2].IsSeparator || s[k + 2].Lower == "and");
            if (s[k].IsSeparator && s[k].Lower != "," && s[k].Lower != "/") return categorical && words >= 2;
            if (!(s[k].IsWord || s[k].Lower is "," or "/")) return false;
            if (s[k].IsWord && k + 1 < s.Count && s[k + 1].IsWord && !(s[k + 1].Lower is "or")) return false;
            if (s[k].IsWord) words++;
        }
        return categorical && words >= 2 && k >= s.Count;
    }

    /// <summary>
    /// The noun phrase ending just before position i (skipping "that", "should", "each" ...), singular. Before a
    /// finite have-verb ("feeds have", "each record has") a word the lexicon also knows as a verb is the subject noun;
    /// inside the phrase it is a noun modifier ("water tests"); at the start of a sentence before "with" it is the
    /// imperative ("Log water intake with ..."). "Concerts I went to:" and "Books to read:" name their records first.
    /// </summary>
    static readonly string[][] PronounSubjects =
        [["each", "one"], ["every", "one"], ["each", "of", "them"], ["each", "of", "these"], ["every", "one", "of", "them"], ["all", "of", "them"], ["they"], ["each"], ["these"]];

    /// <summary>Where a pronoun subject ("each one", "each of them", "they") right before the verb at <paramref name="verb"/> begins; null when there is none.</summary>
    static int? PronounSubjectBefore(List<Token> s, int verb) =>
        PronounSubjects.Where(p => p.Length <= verb && p.Select((word, k) => s[verb - p.Length + k].Lower == word).All(same => same))
            .Select(p => (int?)(verb - p.Length)).FirstOrDefault();

    List<string>? OwnerBefore(List<Token> s, int i, out bool each)
    {
        each = false;
        var finite = s[i].Lower is "have" or "has" or "contain" or "contains" or "include" or "includes" or "hold" or "holds" or "consist" or "consists";
        // "my vinyl records: artist, ...": a plural before a heading colon is the records' noun, whatever else it can be
        var heading = s[i].Lower is ":" or "(" && i > 1 && s[i - 1].IsWord && Inflector.LooksPlural(s[i - 1].Lower) && IsNounish(s[i - 2]);
        finite |= heading;
        var k = i - 1;
        while (k >= 0 && s[k].IsWord && (lexicon.Is("relative", s[k].Lower) || lexicon.Is("auxiliary", s[k].Lower) || s[k].Lower is "to" or "also" or "will" or "always" or "usually" or "typically" or "should")) k--;
        k = BeforeContactClause(s, k);
        // "my vinyl records with", "a tracker for feeds (": a plural the lexicon also knows as a verb, opening the
        // sentence or after a noun, a determiner or "for", is the records' noun
        var pluralHead = k >= 0 && s[k].IsWord && lexicon.Is("verb", s[k].Lower) && Inflector.LooksPlural(s[k].Lower) && !lexicon.IsFunctionWord(s[k].Lower)
            && (k == 0 || !s[k - 1].IsWord || IsNounish(s[k - 1]) || lexicon.Is("determiner", s[k - 1].Lower) || s[k - 1].Lower is "for" or "of" or "and");
        var words = new List<Token>();
        while (k >= 0 && words.Count < 4 && (IsNounish(s[k]) || IsVerbAsNoun(s, k, words.Count, finite) || words.Count == 0 && pluralHead))
        {
            if (words.Count > 0 && s[k].Possessive) break; // "the kids' chores": whose they are is not their name
            if (words.Count > 0 && (Inflector.LooksPlural(s[k].Lower) && !lexicon.Is("adjective", s[k].Lower) && !lexicon.In("pluralModifiers", s[k].Lower) && IsRecordWord(Inflector.Singular(s[k].Lower))
                || lexicon.In("objectVerbs", s[k].Lower) && k > 0 && IsVerbPosition(s, k))) break;
            words.Insert(0, s[k--]);
        }
        // "rooms in my house with ...", "photos from the trip:": the records come before the place they are in
        var d = k;
        while (d >= 0 && s[d].IsWord && lexicon.Is("determiner", s[d].Lower)) d--;
        if (words.Count > 0 && d >= 1 && s[d].Lower is "in" or "at" or "on" or "from" or "for" or "of"
            && s[d - 1].IsWord && Inflector.LooksPlural(s[d - 1].Lower) && (IsNounish(s[d - 1]) || d - 1 == 0 || !s[d - 2].IsWord))
        {
            // "customers leave reviews on products with ...": what people act on is described, the records after it are where it goes
            var acted = ObjectOfVerb(s, d - 1);
            if ((d < k && !Inflector.LooksPlural(words[^1].Lower) || acted) && OwnerBefore(s, d, out each) is { } records)
            {
                if (acted && s[d].Lower is not ("from" or "in" or "at")) BelongsTo.Add((records, Mention(Singular(words.Select(w => w.Lower).ToList()), sentenceNumber).Words));
                return records;
            }
        }
        LastOwnerPlural = words.Count > 0 && Inflector.LooksPlural(words[^1].Lower);
        if (k >= 0 && s[k].Lower is "each" or "every" or "per") each = true;
        OwnerQuantified = k >= 0 && s[k].Lower is "many" or "multiple" or "several" or "have" or "has" or "contain" or "contains" or "include" or "includes";
        // "Track car refuels with ...": a verb opening the sentence is the imperative, not part of the name
        if ((!finite || heading) && words.Count > 1 && (k < 0 || !s[k].IsWord || lexicon.Is("adverb", s[k].Lower)) && lexicon.In("commandVerbs", words[0].Lower) && !lexicon.Defaults.ContainsKey(words[0].Lower))
            words.RemoveAt(0);
        while (words.Count > 0 && lexicon.Is("adjective", words[0].Lower) && words.Count > 1) words.RemoveAt(0);
        return words.Count == 0 ? null : Singular(words.Select(w => w.Lower).ToList());
    }

    /// <summary>"leave reviews", "can propose events": the plural at <paramref name="k"/> is what a verb before it acts on.</summary>
    bool ObjectOfVerb(List<Token> s, int k)
    {
        var v = k - 1;
        while (v > 0 && s[v].IsWord && (lexicon.Is("determiner", s[v].Lower) || lexicon.Is("adjective", s[v].Lower))) v--;
        return v > 0 && s[v].IsWord && lexicon.In("objectVerbs", s[v].Lower) && IsVerbPosition(s, v);
    }

    /// <summary>A word the lexicon tags as a verb read as a noun by its position: the subject of a finite have-verb, after a determiner, or a modifier of the noun after it.</summary>
    bool IsVerbAsNoun(List<Token> s, int k, int wordsAfter, bool finite) =>
        s[k].IsWord && lexicon.Is("verb", s[k].Lower) && !lexicon.IsFunctionWord(s[k].Lower) && s[k].Lower is not ("with" or "have" or "has" or "having")
        && !(wordsAfter > 0 && lexicon.In("actionVerbs", s[k].Lower)) // "add, edit and delete contacts": what users do, not a kind of contact
        && (!lexicon.Is("have", s[k].Lower) || wordsAfter == 0 && finite || k > 0 && lexicon.Is("determiner", s[k - 1].Lower))
        && (wordsAfter > 0 || finite || k > 0 && lexicon.Is("determiner", s[k - 1].Lower));

    /// <summary>A word that names a kind of record by itself (a book, a customer, an order): it does not modify the noun after it.</summary>
    bool IsRecordWord(string singular) => lexicon.Defaults.ContainsKey(singular) || lexicon.In("parties", singular) || lexicon.In("dependents", singular);

    /// <summary>"Concerts I went to", "Loans I owe", "Books to read": where the records' noun phrase ends before a clause about them.</summary>
    int BeforeContactClause(List<Token> s, int k)
    {
        // "books to read", "places to visit", "packages to deliver"
        if (k >= 2 && s[k - 1].Lower == "to" && s[k].IsWord && (lexicon.Is("verb", s[k].Lower) || Inflector.LooksPlural(s[k - 2].Lower)) && IsNounish(s[k - 2])) return k - 2;
        for (var p = k; p >= 1 && p >= k - 3; p--)
        {
            if (!s[p].IsWord) return k;
            if (s[p].Lower is "i" or "we" or "you" or "they" && IsNounish(s[p - 1])) return p - 1;
        }
        // "the books my book club reads", "the songs our band plays": records, then who does what with them
        if (k >= 3 && s[k].IsWord && (lexicon.Is("verb", s[k].Lower) || lexicon.In("objectVerbs", s[k].Lower)))
            for (var p = k - 1; p >= 1 && p >= k - 4; p--)
            {
                if (!s[p].IsWord) break;
                if (s[p].Lower is "my" or "our" or "his" or "her" or "their" && p < k - 1 && IsNounish(s[p - 1]) && Inflector.LooksPlural(s[p - 1].Lower)) return p - 1;
            }
        return k;
    }

    /// <summary>The noun phrase starting at i after determiners, singular; last is its final token.</summary>
    List<string>? PhraseAfter(List<Token> s, int i, out int last)
    {
        last = i;
        while (i < s.Count && s[i].IsWord && (lexicon.Is("determiner", s[i].Lower) || lexicon.Is("quantifier", s[i].Lower) || lexicon.Is("pronoun", s[i].Lower) && s[i].Lower is "their" or "his" or "her")) i++;
        var words = new List<string>();
        while (i < s.Count && words.Count < 4 && IsNounish(s[i]) && !IsHave(s, i))
        {
            if (s[i].Possessive && i + 1 < s.Count && IsNounish(s[i + 1])) { words.Clear(); i++; continue; } // "my dog's walks"
            words.Add(s[i].Lower); last = i++;
        }
        // "my vinyl records with ...", "the daily logs:": a plural the lexicon also knows as a verb ends the noun phrase
        if (words.Count > 0 && i < s.Count && s[i].IsWord && lexicon.Is("verb", s[i].Lower) && Inflector.LooksPlural(s[i].Lower)
            && (i + 1 == s.Count || s[i + 1].IsSeparator || s[i + 1].Lower is "with" or "that" or "which" or "where"))
        { words.Add(s[i].Lower); last = i; }
        while (words.Count > 1 && lexicon.Is("adjective", words[0])) words.RemoveAt(0);
        return words.Count == 0 ? null : Singular(words);
    }

    public bool IsNounish(Token t) => t.IsWord && !lexicon.IsFunctionWord(t.Lower) && !IsStrictVerb(t.Lower) && t.Lower != "with";

    /// <summary>A verb that is not also one of the nouns the lexicon knows ("records" is a verb, "notes" is not only one).</summary>
    public bool IsStrictVerb(string word) =>
        lexicon.Is("verb", word) && !lexicon.IsKnownNoun(word);

    bool IsFeatureWord(string word) =>
        lexicon.Feature("auth", word) || lexicon.Feature("search", word) || lexicon.Feature("tags", word);

    public List<string> Singular(List<string> words) => [.. words[..^1], Inflector.Singular(words[^1])];

    EntityDraft Mention(List<string> words, int sentence)
    {
        lastRecord = words;
        var existing = Entities.FirstOrDefault(e => e.Same(words));
        if (existing is not null) return existing;
        var draft = new EntityDraft(words, []) { Sentence = sentence };
        Entities.Add(draft);
        return draft;
    }

    /// <summary>"mark them closed", "mark tickets as done", "mark a book as read".</summary>
    int ReadMark(List<Token> s, int i, int number)
    {
        var k = i + 1;
        List<string>? entity = null;
        while (k < s.Count && s[k].IsWord && (lexicon.IsFunctionWord(s[k].Lower) || IsNounish(s[k])) && !lexicon.In("stateWords", s[k].Lower))
        {
            if (IsNounish(s[k]) && s[k].Lower != "as") entity = Singular([s[k].Lower]);
            k++;
        }
        if (k >= s.Count || !lexicon.In("stateWords", s[k].Lower) || k - i > 5) return i;
        States.Add(new StateRequest(s[k].Lower, s[k], entity is null ? null : Mention(entity, number).Words));
        s[i].Role ??= "structure";
        return k;
    }

    bool IsListingWord(string word) => lexicon.Feature("sort", word) || lexicon.Feature("filter", word) || lexicon.Feature("search", word);

    /// <summary>"sort by due date", "filter tasks by status and priority", "search by title".</summary>
    int ReadListing(List<Token> s, int i)
    {
        var kind = lexicon.Feature("sort", s[i].Lower) ? "sort" : lexicon.Feature("filter", s[i].Lower) ? "filter" : "search";
        var k = i + 1;
        List<string>? entity = null;
        // "search books and sort them by title": the "by" of the next listing is not this one's
        while (k < s.Count && k < i + 5 && s[k].Lower != "by" && s[k].IsWord && !IsListSeparator(s[k]) && !IsListingWord(s[k].Lower))
        { if (IsNounish(s[k])) entity = Singular([s[k].Lower]); k++; }
        if (kind == "search") Features.Add("search");
        // "an order has ...", "each group has ...": without its "by" the word is a noun, not a listing
        if (k >= s.Count || s[k].Lower != "by")
        {
            if (kind != "search") return i;
            s[i].Role = "feature:search";
            return k - 1;
        }
        s[i].Role = kind == "search" ? "feature:search" : "feature:" + kind;
        k++;
        var last = k;
        while (k < s.Count)
        {
            var phrase = new List<Token>();
            while (k < s.Count && (s[k].IsWord && (lexicon.Is("determiner", s[k].Lower) || IsNounish(s[k]) && !IsHave(s, k)))) { if (IsNounish(s[k])) phrase.Add(s[k]); k++; }
            if (phrase.Count == 0) break;
            // "grouped by status (todo, doing, done)": the values define the field
            FieldDraft? field = null;
            if (k < s.Count && s[k].Lower == "(")
            {
                field = new FieldDraft([.. phrase.Select(p => p.Lower)], phrase);
                k = ReadQualifiers(s, k, field);
                if (field.Options.Count < 2) field = null;
            }
            Listings.Add(new ListingRequest(kind == "search" ? "filter" : kind, [.. phrase.Select(p => p.Lower)], phrase, entity) { Field = field });
            last = k - 1;
            if (k < s.Count && s[k].Lower is "," or "and" or "or" && k + 1 < s.Count && IsNounish(s[k + 1]) || k + 2 < s.Count && lexicon.Is("determiner", s[k + 1].Lower)) k++;
            else break;
        }
        return last;
    }
}
