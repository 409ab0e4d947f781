namespace Catalyst.Agents.Understanding;

/// <summary>
/// Finds the words a request uses as verbs that the lexicon does not list as verbs ("residents can propose events",
/// "members suggest books", "we sample wines"), by where they stand, not by what they are: after a modal, after a
/// subject pronoun, after "let"/"help" and the people they let, after "able to", and after the people who do them.
/// A word the lexicon knows as a noun ("volunteers can claim shifts") is a verb only where no noun can stand: after a
/// modal, a pronoun, "to" or "let"; a plural before it is not enough ("expense claims" stays a noun phrase).
/// </summary>
public sealed class ContextVerbs(Lexicon lexicon)
{
    static readonly HashSet<string> Modals = ["can", "could", "should", "would", "will", "shall", "may", "might", "must"];
    static readonly HashSet<string> SubjectPronouns = ["i", "we", "they", "he", "she"];
    static readonly HashSet<string> Causatives = ["let", "lets", "letting", "help", "helps", "helping", "make", "makes"];
    static readonly HashSet<string> ObjectPronouns = ["me", "us", "you", "them", "him", "her", "everyone", "anyone", "people"];
    static readonly HashSet<string> WantsTo = ["able", "want", "wants", "need", "needs", "like", "love", "wish", "going", "allowed", "way", "place", "somewhere"];
    static readonly HashSet<string> Particles = ["in", "up", "out", "off", "on", "over", "down", "back", "away"];
    static readonly HashSet<string> Permits = ["allow", "allows", "enable", "enables", "permit", "permits", "invite", "invites", "ask", "asks", "want", "wants"];

    public IReadOnlyCollection<string> Find(IReadOnlyList<Token> s)
    {
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < s.Count; i++)
            if (Candidate(s[i]) && InVerbPosition(s, i, Noun(s[i].Lower))) verbs.Add(s[i].Lower);
        return verbs;
    }

    /// <summary>A content word the lexicon does not already read as a verb.</summary>
    bool Candidate(Token t) =>
        t.IsWord && !t.Possessive && t.Lower.Length > 2 && t.Lower.All(char.IsAsciiLetterLower)
        && !lexicon.IsFunctionWord(t.Lower) && !lexicon.Is("adjective", t.Lower) && !lexicon.Is("verb", t.Lower) && !lexicon.In("objectVerbs", t.Lower)
        && !lexicon.In("appWords", t.Lower) && !lexicon.Feature("auth", t.Lower);

    /// <summary>A word that may as well be a noun ("claim", "comment", "rating"): a verb only where nothing else can stand.</summary>
    bool Noun(string word) => lexicon.IsKnownNoun(word) || lexicon.IsFieldWord(word);

    bool InVerbPosition(IReadOnlyList<Token> s, int i, bool noun)
    {
        var p = i - 1;
        while (p > 0 && s[p].IsWord && lexicon.Is("adverb", s[p].Lower) && s[p].Lower is not ("then" or "there" or "here")) p--;
        var before = s[p].Lower;
        var plural = Inflector.LooksPlural(s[i].Lower) && !s[i].Lower.EndsWith("ss", StringComparison.Ordinal);
        // "customers can propose ...": a modal after its subject, not "a can of" or "the will"
        if (Modals.Contains(before)) return p > 0 && s[p - 1].IsWord && !lexicon.Is("determiner", s[p - 1].Lower) && !lexicon.Is("preposition", s[p - 1].Lower);
        // "we vote", "they bake": a present or past verb after its subject never ends in the plural's -s
        if (SubjectPronouns.Contains(before)) return !plural;
        if (before == "to" && p > 0)
        {
            // "able to nominate", "a place to stash"; "allows members to suggest"
            if (WantsTo.Contains(s[p - 1].Lower) || lexicon.In("appWords", s[p - 1].Lower)) return true;
            for (var k = p - 1; k > 0 && k >= p - 3; k--)
                if (Permits.Contains(s[k].Lower)) return true;
            return false;
        }
        // "lets members suggest", "helps teams plan": the bare verb after the people a causative lets
        if (p > 0 && (Causatives.Contains(s[p - 1].Lower) || p > 1 && Causatives.Contains(s[p - 2].Lower) && lexicon.Is("determiner", s[p - 1].Lower))
            && (ObjectPronouns.Contains(before) || IsPeople(before)))
            return true;
        if (noun) return false;
        if (plural) return SingularPartyBefore(s, p);
        // "where members suggest books", "pupils hand in essays": a plural at the start of a clause, then a word that takes an object
        return s[p].IsWord && Inflector.LooksPlural(before) && !lexicon.IsFunctionWord(before) && !lexicon.In("pluralModifiers", before)
            && ClauseStart(s, p - 1) && Takes(s, i + 1);
    }

    /// <summary>"each member suggests a book", "a tenant reports a fault": an -s verb after one person.</summary>
    bool SingularPartyBefore(IReadOnlyList<Token> s, int p) =>
        p > 0 && IsPeople(s[p].Lower) && !Inflector.LooksPlural(s[p].Lower) && s[p - 1].Lower is "a" or "an" or "the" or "each" or "every" or "any";

    bool IsPeople(string word) =>
        lexicon.In("parties", Inflector.Singular(word)) || word is "people" or "users" or "user" or "everyone" or "friends" or "friend" or "staff" or "teams" or "team";

    bool ClauseStart(IReadOnlyList<Token> s, int k)
    {
        while (k >= 0 && s[k].IsWord && (lexicon.Is("determiner", s[k].Lower) || lexicon.Is("adjective", s[k].Lower))) k--;
        return k < 0 || s[k].IsSeparator || s[k].IsWord && (lexicon.Is("relative", s[k].Lower) || lexicon.Is("conjunction", s[k].Lower));
    }

    /// <summary>
    /// What follows can be the verb's object: a determiner, a number, or nouns ending in a plural ("lodge expense
    /// claims"), after a particle ("hand in essays").
    /// </summary>
    bool Takes(IReadOnlyList<Token> s, int k)
    {
        if (k + 1 < s.Count && Particles.Contains(s[k].Lower)) k++;
        if (k < s.Count && (s[k].IsNumber || s[k].IsWord && lexicon.Is("determiner", s[k].Lower))) return true;
        for (var end = k; end < s.Count && end < k + 3 && s[end].IsWord && !lexicon.IsFunctionWord(s[end].Lower); end++)
            if (Inflector.LooksPlural(s[end].Lower)) return true;
        return false;
    }
}
