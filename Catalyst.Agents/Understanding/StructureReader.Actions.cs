namespace Catalyst.Agents.Understanding;

/// <summary>
/// The frame other people write around what an app does: "the website should have functionalities for posting
/// contest announcements, displaying results and contest photos", "users should be able to browse contests and
/// register for them", "allowing customers to book services". The frame is structure; the content is a list of
/// actions, and the records are what the actions that keep or show data act on. Which words are structure, people
/// or never nouns is English (<see cref="Lexicon.ClassOf"/>, from WordNet), not a list of this reader's.
/// </summary>
public sealed partial class StructureReader
{
    /// <summary>Where an action list opens at <paramref name="i"/>: its first item, and whether its items are actions or may be named actions ("customer management"); null when none opens there.</summary>
    (int Start, bool Verbal)? ActionListAt(List<Token> s, int i)
    {
        var word = s[i].Lower;
        // "should have functionalities for ...", "have the functionality to search ...", "with features such as ...",
        // "should also have data visualization capabilities to display ...": from the have-word to the capability word
        if (lexicon.Is("have", word) || lexicon.In("offerVerbs", word))
        {
            var c = i + 1;
            while (c < s.Count && c < i + 5 && s[c].IsWord && !IsCapabilityWord(s[c].Lower) && (lexicon.Is("determiner", s[c].Lower) || lexicon.Is("adjective", s[c].Lower) || IsNounish(s[c]))) c++;
            return c < s.Count && IsCapabilityWord(s[c].Lower) ? ActionListAt(s, c) : null;
        }
        if (IsCapabilityWord(word) && HaveWordBefore(s, i) && i + 1 < s.Count)
        {
            var next = s[i + 1].Lower;
            if (next is "for" or "including" or "like" or ":") return (i + 2, false);
            if (next == "such" && i + 2 < s.Count && s[i + 2].Lower == "as") return (i + 3, false);
            if (next == "to" && i + 2 < s.Count && StartsAction(s, i + 2)) return (i + 2, true);
        }
        // "users should be able to ...", "be able to"
        if (word == "able" && i + 2 < s.Count && s[i + 1].Lower == "to" && StartsAction(s, i + 2)) return (i + 2, true);
        if (word == "able" && i > 0 && s[i - 1].Lower == "be" && i + 1 < s.Count && StartsAction(s, i + 1)) return (i + 1, true); // "should be able browse"
        // "allowing users to ...", "lets members ...", "helps visitors find ..."
        if (lexicon.In("enablingVerbs", word))
        {
            var k = i + 1;
            while (k < s.Count && k < i + 5 && s[k].IsWord && (lexicon.Is("determiner", s[k].Lower) || IsPeople(s[k].Lower) || s[k].Lower is "them" or "you" or "us" or "me")) k++;
            if (k > i + 1 && k + 1 < s.Count && s[k].Lower == "to" && StartsAction(s, k + 1)) return (k + 1, true);
            if (k > i + 1 && k < s.Count && StartsAction(s, k) && !lexicon.Is("determiner", s[k].Lower)) return (k, true);
        }
        // "users can browse ...", "students should also be able to ...", "visitors will see ..."
        if (IsPeople(word) && i + 2 < s.Count && s[i + 1].Lower is "can" or "could" or "should" or "will" or "must" or "may")
        {
            var k = i + 2;
            while (k < s.Count && s[k].Lower is "also" or "easily" or "quickly" or "then") k++;
            if (k + 2 < s.Count && s[k].Lower == "be" && s[k + 1].Lower == "able" && s[k + 2].Lower == "to") k += 3;
            if (k < s.Count && StartsAction(s, k) && DataVerb(s[k].Lower)) return (k, true);
        }
        return null;
    }

    /// <summary>Reads the actions from <paramref name="start"/> to the end of the list; returns where it ended.</summary>
    int ReadActions(List<Token> s, int start, bool verbal, int number)
    {
        var k = start;
        string? lastVerb = null;
        while (k < s.Count)
        {
            while (k < s.Count && (IsListSeparator(s[k]) || s[k].Lower is "also" or "then" or "etc")) k++;
            if (k >= s.Count || s[k] == Barrier || s[k].Lower is ";" or ")" or ":") break;
            // "..., allowing users to ...": a frame inside the list opens the next actions
            if (ActionListAt(s, k) is { } inner && inner.Start > k) { k = inner.Start; verbal = inner.Verbal; continue; }
            while (k < s.Count && s[k].IsWord && lexicon.Is("adverb", s[k].Lower)) k++;
            if (k >= s.Count) break;

            string? verb = null;
            // a gerund is an action in any list ("posting contest announcements"); a bare verb only where actions are listed
            if (s[k].IsWord && (verbal ? StartsAction(s, k) : IsGerund(s[k].Lower)))
            {
                verb = s[k].Lower;
                s[k].Role ??= "structure";
                k++;
                // "register for contests", "enroll in courses", "sign up for classes", "learn about the services"
                k = AfterParticles(s, k, verb);
            }

            var acted = verb ?? lastVerb;
            if (ObjectAfter(s, k, out var last) is { } phrase)
            {
                var end = last + 1;
                // "the details of the cleaning services", "a list of prizes": what an abstract or collection word is of
                if (RecordIn(phrase) is null && end + 1 < s.Count && s[end].Lower == "of" && ObjectAfter(s, end + 1, out var ofLast) is { } of)
                {
                    phrase = of;
                    end = ofLast + 1;
                }
                // "contact us" is the page's own
                // "customer management", "contest enrollment": in a list of what the app does, a named action on the noun before it
                var named = verb is null && !verbal && phrase.Count > 1 && IsNamedAction(phrase[^1]);
                var record = end < s.Count && s[end].Lower == "us" ? null : named ? RecordIn(phrase[..^1]) : RecordIn(phrase);
                var keeps = acted is not null && DataVerb(acted) || named;
                if (record is not null && keeps) Mention(record, number);
                k = end;
                // "publish lessons, including the subject, the level and the duration", "view attendance records (start
                // time, end time)": the fields of what was named, spelled out after it
                if (record is not null && keeps && FieldListAfter(s, k) is var fieldsAt and > 0)
                {
                    Mention(record, number);
                    return ReadList(s, fieldsAt, record, number, false);
                }
                // "book classes with a date and a room", "contact the company with name, email and message": the fields of
                // what was named are read as any record's, so the list of actions ends there
                if (k < s.Count && s[k].Lower is "with" or "including" or "(") return k;
                // "real-time data such as power generation, battery percentage": examples of what is no record are no records
                if (record is null && k + 1 < s.Count && s[k].Lower is "such" or "like" or "including")
                    k = SkipExamples(s, k, verbal);
            }
            else if (verb is null)
            {
                k++; // "... and I can manage the dogs": a word that is neither, and the item goes on after it
                continue;
            }
            lastVerb = acted;
            // the rest of the item: "by category", "based on user requirements", "to view trends" (a purpose opens the next action)
            while (k < s.Count && !IsListSeparator(s[k]) && s[k] != Barrier && s[k].Lower is not (";" or ")" or ":") && !StartsPurpose(s, k))
            {
                if (s[k].Lower is "with" or "including" or "(") return k;
                k++;
            }
            if (k < s.Count && StartsPurpose(s, k)) { k++; verbal = true; }
        }
        return k;
    }

    /// <summary>
    /// Where the fields of a record just named start: after ", including", "including" or "(", when most of the items
    /// up to the end of the clause hold a field word ("including price, quantity and supplier"); 0 when none do
    /// ("including plumbers, electricians and more" are examples of records).
    /// </summary>
    int FieldListAfter(List<Token> s, int k)
    {
        if (k < s.Count && s[k].Lower == "," && k + 1 < s.Count && s[k + 1].Lower == "including") k++;
        if (k >= s.Count || s[k].Lower is not ("including" or "(")) return 0;
        var start = k + 1;
        var parts = new List<bool>();
        var part = false;
        var words = 0;
        for (var j = start; j <= s.Count; j++)
        {
            var ends = j == s.Count || s[j] == Barrier || s[j].Lower is ";" or ")" or "." || s[j].IsSeparator && !IsListSeparator(s[j]);
            if (ends || IsListSeparator(s[j]))
            {
                if (words > 0) parts.Add(part);
                part = false;
                words = 0;
                if (ends) break;
                continue;
            }
            if (!s[j].IsWord) continue;
            // "..., including adding new links, editing ...": actions, not fields
            if (words == 0 && IsGerund(s[j].Lower) && lexicon.ClassOf(s[j].Lower) is WordClass.Verb or WordClass.Unknown) return 0;
            words++;
            part |= lexicon.IsFieldWord(s[j].Lower) || lexicon.IsFieldWord(Inflector.Singular(s[j].Lower));
        }
        return parts.Count >= 2 && parts.Count(p => p) * 2 >= parts.Count ? start : 0;
    }

    /// <summary>Past the particles of a phrasal verb the lexicon knows ("register for", "sign up for", "learn about").</summary>
    int AfterParticles(List<Token> s, int k, string verb)
    {
        var stems = Lexicon.VerbStems(verb).Prepend(verb).ToList();
        foreach (var phrasal in lexicon.Phrases("phrasalVerbs").OrderByDescending(p => p.Length))
        {
            if (!stems.Contains(phrasal[0]) || k + phrasal.Length - 1 > s.Count) continue;
            if (Enumerable.Range(1, phrasal.Length - 1).All(j => s[k + j - 1].Lower == phrasal[j])) return k + phrasal.Length - 1;
        }
        return k;
    }

    /// <summary>Past a list of examples, to the next item that is an action again.</summary>
    int SkipExamples(List<Token> s, int k, bool verbal)
    {
        k += s[k].Lower == "such" ? 2 : 1;
        while (k < s.Count && s[k] != Barrier && s[k].Lower is not (";" or ")"))
        {
            if (k > 0 && IsListSeparator(s[k - 1]) && s[k].IsWord && (verbal ? StartsAction(s, k) && DataVerb(s[k].Lower) : IsGerund(s[k].Lower))) break;
            k++;
        }
        return k;
    }

    /// <summary>
    /// The noun phrase at k read by English word classes, singular: "the details of", "different types of apartments",
    /// "their own winning records". A verb the lexicon lists is still a noun where WordNet has it as one ("service plans").
    /// </summary>
    List<string>? ObjectAfter(List<Token> s, int k, out int last)
    {
        last = k;
        List<string>? possessor = null;
        while (k < s.Count && s[k].IsWord && (lexicon.Is("determiner", s[k].Lower) || lexicon.Is("quantifier", s[k].Lower) || s[k].Lower is "their" or "his" or "her" or "its" or "our" or "your" or "own")) k++;
        var words = new List<string>();
        while (k < s.Count && words.Count < 5 && s[k].IsWord && !lexicon.IsFunctionWord(s[k].Lower) && !IsListSeparator(s[k]) && s[k].Lower is not ("with" or "us")
               && (lexicon.ClassOf(s[k].Lower) is not (WordClass.Verb) || words.Count == 0 && IsModifierForm(s[k].Lower)))
        {
            // "the company's history": whose it is, which is the record when what it has is structure ("the office's information")
            if (s[k].Possessive && k + 1 < s.Count && s[k + 1].IsWord)
            {
                words.Add(s[k].Lower);
                possessor = Singular(words);
                words.Clear();
                k++;
                continue;
            }
            words.Add(s[k].Lower);
            last = k++;
        }
        while (words.Count > 1 && IsModifier(words[0])) words.RemoveAt(0);
        if (words.Count == 0) return possessor;
        return possessor is not null && RecordIn(Singular(words)) is null ? possessor : Singular(words);
    }

    /// <summary>"personal", "different", "detailed": a word English uses to describe, before the noun that names.</summary>
    bool IsModifier(string word) =>
        lexicon.ClassOf(word) is WordClass.Modifier or WordClass.Describing || IsModifierForm(word) || lexicon.Is("adjective", word) && lexicon.ClassOf(word) == WordClass.Unknown;

    /// <summary>"detailed", "user-submitted", "existing": a participle before a noun says which, it names nothing.</summary>
    bool IsModifierForm(string word) => word.EndsWith("ed", StringComparison.Ordinal) && lexicon.IsNeverNoun(word)
        || word.EndsWith("ing", StringComparison.Ordinal) && lexicon.ClassOf(word) == WordClass.Verb;

    /// <summary>The record a noun phrase names: without words English has only as structure or never as nouns, and none for the page's own parts.</summary>
    List<string>? RecordIn(List<string> phrase)
    {
        var words = phrase.ToList();
        while (words.Count > 1 && lexicon.IsNeverNoun(words[0])) words.RemoveAt(0);
        while (words.Count > 1 && (lexicon.IsAbstract(words[^1]) || lexicon.IsNeverNoun(words[^1]) || lexicon.In("recordWords", words[^1]))) words.RemoveAt(words.Count - 1);
        var head = words[^1];
        if (lexicon.IsAbstract(head) || lexicon.In("partitiveWords", head) || lexicon.In("recordWords", head) || lexicon.IsNeverNoun(head) || lexicon.In("pageParts", head) || lexicon.In("genericAppWords", head) || head == AppHead || lexicon.In("metaWords", head)
            || lexicon.In("featureHeads", head) || IsFeatureWord(head) || IsPeopleOfTheApp(head) || lexicon.IsFunctionWord(head))
            return null;
        return words;
    }

    /// <summary>An action's name: "management", "enrollment", "submission" (an act or structure in WordNet, or a noun made from a verb).</summary>
    bool IsNamedAction(string word) =>
        lexicon.ClassOf(word) is WordClass.Act or WordClass.Abstract
        || lexicon.In("actionSuffixes", word.Length > 6 ? word[^4..] : "") || lexicon.In("actionSuffixes", word.Length > 6 ? word[^3..] : "");

    bool IsCapabilityWord(string word) => lexicon.In("capabilityWords", word);

    /// <summary>"have functionalities", "should also have data visualization capabilities", "with features": a have-word a few nouns before.</summary>
    bool HaveWordBefore(List<Token> s, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 4; k--)
        {
            if (lexicon.Is("have", s[k].Lower) || lexicon.In("offerVerbs", s[k].Lower)) return true;
            if (!s[k].IsWord || !(IsNounish(s[k]) || lexicon.Is("determiner", s[k].Lower) || lexicon.Is("adjective", s[k].Lower) || lexicon.IsNeverNoun(s[k].Lower))) return false;
        }
        return false;
    }

    /// <summary>A word that can open an action here: a verb in English, not a determiner or a people word ("browse", "register", "book").</summary>
    bool StartsAction(List<Token> s, int k) =>
        s[k].IsWord && !lexicon.IsFunctionWord(s[k].Lower) && (lexicon.CanBeVerb(s[k].Lower) || lexicon.Is("verb", s[k].Lower)) && !IsPeople(s[k].Lower);

    /// <summary>"to view trends", "to submit lead information": a purpose, which is another action.</summary>
    bool StartsPurpose(List<Token> s, int k) => s[k].Lower == "to" && k + 1 < s.Count && StartsAction(s, k + 1) && lexicon.ClassOf(s[k + 1].Lower) != WordClass.Person
        && !lexicon.Is("determiner", s[k + 1].Lower) && (DataVerb(s[k + 1].Lower) || lexicon.ClassOf(s[k + 1].Lower) == WordClass.Verb);

    bool IsGerund(string word) => word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) && lexicon.CanBeVerb(word);

    /// <summary>A verb whose object is kept or shown as records ("post", "browse", "book", "manage"); "play", "spin", "contact" keep none.</summary>
    bool DataVerb(string word) =>
        Lexicon.VerbStems(word).Prepend(word).Any(w => lexicon.In("dataVerbs", w) || lexicon.In("objectVerbs", w) || lexicon.In("actionVerbs", w) || lexicon.In("entryVerbs", w) || lexicon.In("commandVerbs", w));

    /// <summary>People in a role ("customers", "students", "users"), who act in the app.</summary>
    bool IsPeople(string word) =>
        lexicon.ClassOf(Inflector.Singular(word)) == WordClass.Person || word is "user" or "users" or "people" or "everyone" or "anyone" or "visitors";

    /// <summary>The app's users themselves, who are the login feature when anything: "users", "members" as the ones acting.</summary>
    bool IsPeopleOfTheApp(string word) => word is "user" or "users" or "people" or "everyone" or "anyone";
}
