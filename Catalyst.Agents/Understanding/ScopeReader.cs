namespace Catalyst.Agents.Understanding;

/// <summary>
/// What a request asks for that the offline generator cannot build (<see cref="Scope"/>), by capability, in the
/// order the request first asks for each. <see cref="AppIsOutOfScope"/>: the app phrase itself names one ("a 3D
/// racing game", "an analytics website"), so its subject is no record to build.
/// </summary>
public sealed record ScopeReading(IReadOnlyList<Capability> Capabilities, bool AppIsOutOfScope)
{
    public bool InScope => Capabilities.Count == 0;
}

/// <summary>
/// Finds the capabilities a request asks for over its tokens, after the structure reader has found its records
/// and fields: multi-word phrases first ("spin the wheel", "send them a message"), then single words by their
/// singular or their verb's base. A word asks for nothing where the request keeps it as data: a field ("a payment
/// method", "a video link"), a record it defines with fields ("board games have a name and a player count"), a
/// noun modifying another noun ("a video game backlog", "poker nights"), or after a negation ("without chat").
/// </summary>
public sealed class ScopeReader(Scope scope, Lexicon lexicon)
{
    public ScopeReader() : this(Scope.Default, Lexicon.Default) { }

    const int Gap = 3;

    public ScopeReading Read(List<Token> tokens, AppPhrase? app, StructureReader reader)
    {
        // Only what reads as data counts as defined: "board games have a name and a player count" does; "the game should
        // include competitive elements such as a leaderboard" names no field a record could hold.
        var drafts = reader.Entities;
        var records = drafts.Where(d => d.Fields.Any(IsData) || d.Defined && d.Fields.Count > 1 && d.Fields.All(IsPlain)).ToList();
        var fieldTokens = drafts.SelectMany(d => d.Fields.Where(f => IsData(f) || records.Contains(d) && !scope.FeatureHeads.Contains(f.Words[^1])))
            .SelectMany(f => f.Tokens).ToHashSet();
        var dataTokens = drafts.SelectMany(d => d.Fields.Where(IsData)).SelectMany(f => f.Tokens).ToHashSet();
        var defined = records.Where(d => d.Words[0] != StructureReader.SubjectMarker).ToList();
        var definedTokens = defined.SelectMany(d => d.Tokens).ToHashSet();
        var definedHeads = defined.Select(d => Inflector.Singular(d.Head)).ToHashSet(StringComparer.Ordinal);
        var draftTokens = drafts.SelectMany(d => d.Tokens).Concat(drafts.SelectMany(d => d.Fields).SelectMany(f => f.Tokens)).ToHashSet();
        // a word kept as data: in a field, in a record defined with fields, or the head of one ("board games have ...; a game night")
        bool KeptAsData(Token t) => fieldTokens.Contains(t) || definedTokens.Contains(t) || definedHeads.Contains(Inflector.Singular(t.Lower));
        // "a chore chart" when chores are records, "chess puzzles" when puzzles are: a word about the records is data too
        bool AboutRecords(int i) => i > 0 && tokens[i - 1].IsWord && definedHeads.Contains(Inflector.Singular(tokens[i - 1].Lower))
            || i + 1 < tokens.Count && IsCapabilityWord(tokens[i + 1].Lower) && KeptAsData(tokens[i + 1]);

        var taken = new bool[tokens.Count];
        var found = new List<(int At, Capability Capability, List<int> Tokens)>();
        foreach (var (capability, phrase) in scope.Capabilities.SelectMany(c => c.Phrases.Select(p => (c, p))).OrderByDescending(x => x.p.Count(w => w != "*")))
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (Match(tokens, taken, i, phrase) is not { } matched) continue;
                // a phrase is specific enough to ask even in a list of fields ("with a shopping cart"), unless it is a typed field ("a payment method")
                var last = tokens[matched[^1]];
                if (dataTokens.Contains(last) || definedTokens.Contains(last) || Negated(tokens, i)) continue;
                foreach (var k in matched) taken[k] = true;
                found.Add((i, capability, matched));
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (taken[i] || !Readable(t) || Negated(tokens, i)) continue;
            var singular = Inflector.Singular(t.Lower);
            foreach (var capability in scope.Capabilities)
            {
                var asks = capability.Adjectives.Contains(t.Lower) && !fieldTokens.Contains(t)
                    || (capability.Words.Contains(t.Lower) || capability.Words.Contains(singular)) && !KeptAsData(t) && !AboutRecords(i) && !Modifies(tokens, i, draftTokens)
                    // a verb done with records the request defines is no capability: "board games ... the ones we play", "bills I pay"
                    || capability.Verbs.Overlaps(VerbBases(t.Lower)) && !KeptAsData(t) && !lexicon.IsFunctionWord(t.Lower)
                        && !capability.Words.Overlaps(definedHeads) && !NearRecord(tokens, i, definedHeads);
                if (!asks) continue;
                taken[i] = true;
                found.Add((i, capability, [i]));
                break;
            }
        }

        found.Sort((a, b) => a.At.CompareTo(b.At));
        foreach (var k in found.SelectMany(f => f.Tokens).Where(k => !draftTokens.Contains(tokens[k]))) tokens[k].Role ??= "unsupported";
        var head = app is null ? null : app.HeadIsAppWord && app.Subject.Count > 0 ? app.Subject[^1] : app.Head;
        var appOut = head is not null && found.Any(f => f.Tokens.Contains(tokens.IndexOf(head))) && !definedHeads.Contains(Inflector.Singular(head.Lower));
        if (appOut) foreach (var t in app!.Tokens) t.Role ??= "unsupported";
        return new([.. found.Select(f => f.Capability).Distinct()], appOut);
    }

    /// <summary>A field a record could hold: typed, bounded, with options or a unit, or named by a field word ("a name", "a rating").</summary>
    bool IsData(FieldDraft field) =>
        field.Words.Count > 0 && !IsStructure(field.Words[^1])
        && (field.Options.Count > 0 || field.Unit is not null || field.Minimum is not null || field.Maximum is not null
            || lexicon.TypeOf(field.Words) is not null || field.Words.Any(w => lexicon.IsFieldWord(w) || lexicon.IsFieldWord(Inflector.Singular(w))));

    /// <summary>A field named by plain nouns ("a white player", "a result"), not a feature list read as fields ("chat functionality", "generating reports").</summary>
    bool IsPlain(FieldDraft field) =>
        field.Words.Count > 0 && !field.Words.Any(IsStructure) && !field.Words[0].EndsWith("ing", StringComparison.Ordinal)
        && !field.Words.Any(w => scope.Capabilities.Any(c => c.Words.Contains(w) || c.Words.Contains(Inflector.Singular(w)) || c.Adjectives.Contains(w)));

    bool IsStructure(string word) => scope.StructureHeads.Contains(word) || scope.StructureHeads.Contains(Inflector.Singular(word));

    /// <summary>A record the request defines within three words of a verb, in its clause: "bills I pay", "pay the invoices".</summary>
    static bool NearRecord(List<Token> tokens, int i, HashSet<string> heads)
    {
        foreach (var step in (int[])[-1, 1])
            for (int k = i + step, n = 0; k >= 0 && k < tokens.Count && n < 3 && tokens[k].IsWord; k += step, n++)
                if (heads.Contains(Inflector.Singular(tokens[k].Lower))) return true;
        return false;
    }

    static bool Readable(Token t) => (t.IsWord || t.IsNumber) && !t.Consumed && t.Role is not ("app-name" or "presentation:title");

    /// <summary>The token indices of <paramref name="phrase"/> matched from <paramref name="start"/> ("*" skipping up to three words), or null.</summary>
    static List<int>? Match(List<Token> tokens, bool[] taken, int start, string[] phrase)
    {
        var matched = new List<int>();
        var i = start;
        for (var p = 0; p < phrase.Length; p++)
        {
            if (phrase[p] == "*")
            {
                var next = phrase[p + 1];
                var skipped = 0;
                while (i < tokens.Count && skipped <= Gap && !(Readable(tokens[i]) && Is(tokens[i], next)))
                {
                    if (!tokens[i].IsWord && !tokens[i].IsNumber) return null;
                    i++;
                    skipped++;
                }
                if (skipped > Gap) return null;
                continue;
            }
            if (i >= tokens.Count || taken[i] || !Readable(tokens[i]) || !Is(tokens[i], phrase[p])) return null;
            matched.Add(i++);
        }
        return matched;
    }

    static bool Is(Token t, string word) => t.Lower == word || Inflector.Singular(t.Lower) == word || VerbBases(t.Lower).Contains(word);

    /// <summary>"a video game backlog", "poker nights": a noun before another noun describes it; "chat functionality", "an analytics website" leave it the thing asked for.</summary>
    bool Modifies(List<Token> tokens, int i, HashSet<Token> recordTokens)
    {
        if (tokens[i].Possessive) return true;
        if (i + 1 >= tokens.Count) return false;
        var next = tokens[i + 1];
        if (!next.IsWord || lexicon.IsFunctionWord(next.Lower) || lexicon.Is("adjective", next.Lower)) return false;
        // "board game plays" where plays are records: a noun however the lexicon also knows it
        if (lexicon.Is("verb", next.Lower) && !lexicon.IsKnownNoun(next.Lower) && !recordTokens.Contains(next)) return false;
        if (IsStructure(next.Lower)) return false;
        return !IsCapabilityWord(next.Lower);
    }

    bool IsCapabilityWord(string word) =>
        scope.Capabilities.Any(c => c.Words.Contains(word) || c.Words.Contains(Inflector.Singular(word)));

    /// <summary>"no chat", "without payments or charts": a negation up to three words before, in the same clause.</summary>
    bool Negated(List<Token> tokens, int i)
    {
        for (int k = i - 1, words = 0; k >= 0 && words < 3; k--, words++)
        {
            if (!tokens[k].IsWord || tokens[k].Lower is "but" or "with" or "and" or "plus") return false;
            if (scope.Negations.Contains(tokens[k].Lower)) return true;
        }
        return false;
    }

    /// <summary>What a verb form may be the base of: "plays", "playing", "played" -> play; "spinning" -> spin; "notified" -> notify.</summary>
    static HashSet<string> VerbBases(string w)
    {
        var bases = new HashSet<string>(StringComparer.Ordinal) { w };
        if (w.EndsWith("ies", StringComparison.Ordinal)) bases.Add(w[..^3] + "y");
        if (w.EndsWith("es", StringComparison.Ordinal)) bases.Add(w[..^2]);
        if (w.EndsWith('s')) bases.Add(w[..^1]);
        foreach (var ending in (string[])["ing", "ed"])
        {
            if (!w.EndsWith(ending, StringComparison.Ordinal) || w.Length < ending.Length + 3) continue;
            var stem = w[..^ending.Length];
            bases.Add(stem);
            bases.Add(stem + "e");
            if (stem[^1] == stem[^2]) bases.Add(stem[..^1]);
            if (stem[^1] == 'i') bases.Add(stem[..^1] + "y");
        }
        return bases;
    }
}
