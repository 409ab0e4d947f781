namespace Catalyst.Agents.Understanding;

/// <summary>
/// Reads how the page should look: colours and the part each colours ("ivory for the background", "navy
/// buttons", "the component colour to navy"), a light or dark theme, and the app's title ("call it Fuel Log").
/// The words it reads are taken out of the request before its structure is read.
/// </summary>
/// <remarks>
/// A colour takes the role of the role word it is linked to in its clause (Data/colours.json), whatever words
/// link them and in either order: "X for the R", "R as X", "apply X to R", "R: X", "X R". Clauses end at commas,
/// semicolons, brackets, "and" and "then"; within one, each colour takes the nearest role phrase no other colour
/// took. A colour with no role word keeps the order it always had: accent, then background, then text.
/// </remarks>
public sealed class PresentationReader(Lexicon lexicon)
{
    /// <summary>A colour named in the request: its first token, how many tokens name it, and its #rrggbb.</summary>
    readonly record struct Mention(int Start, int Length, string Hex)
    {
        public int End => Start + Length - 1;
    }

    /// <summary>A run of role words ("the component layer", "layout background"): the last word's role is the run's.</summary>
    readonly record struct Part(int Start, int End, string Role, bool Weak);

    /// <summary>How far apart a colour and its role word may stand ("apply X to all visible components" is four).</summary>
    const int LongestLink = 6;

    static readonly string[] TitleVerbs = ["call", "name", "title"];
    static readonly string[] TitleParticiples = ["called", "named", "titled", "entitled"];

    ColourVocabulary Palette => lexicon.Palette;

    public void Read(List<Token> tokens, PresentationSpec presentation)
    {
        ReadTitle(tokens, presentation);
        ReadThemes(tokens, presentation);
        var mentions = Mentions(tokens);
        var linked = new HashSet<Mention>();
        // colours with a role word first, so one with none takes a role they left
        foreach (var (mention, part) in Links(tokens, mentions).ToList()) // all linked before any is taken: taking marks role words
        {
            Place(tokens, presentation, mention, part.Role);
            Take(tokens, Math.Min(mention.Start, part.Start), Math.Max(mention.End, part.End), "presentation");
            linked.Add(mention);
        }
        foreach (var mention in mentions.Where(m => !linked.Contains(m))) ReadUnplaced(tokens, presentation, mention);
    }

    void ReadThemes(List<Token> tokens, PresentationSpec presentation)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Role is not null || t.Lower is not ("dark" or "light") || ColourAt(tokens, i).Hex is not null) continue;
            if (tokens[i + 1].Lower is not ("theme" or "mode" or "themed" or "look" or "ui" or "scheme" or "style" or "background")) continue;
            presentation.Theme = t.Lower;
            if (tokens[i + 1].Lower == "background") presentation.Background ??= t.Lower == "dark" ? "#1e1e1e" : "#ffffff";
            var (start, end) = Span(tokens, i, 1);
            Take(tokens, start, end, "presentation:theme");
            t.Role = "presentation:theme";
        }
    }

    List<Mention> Mentions(List<Token> tokens)
    {
        var mentions = new List<Mention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (hex, length) = ColourAt(tokens, i);
            if (hex is null || tokens.Skip(i).Take(length).Any(t => t.Role is not null)) continue;
            mentions.Add(new Mention(i, length, hex));
            i += length - 1;
        }
        return mentions;
    }

    /// <summary>Each colour with the role phrase it is linked to, nearest first, within its clause.</summary>
    IEnumerable<(Mention Mention, Part Part)> Links(List<Token> tokens, List<Mention> mentions)
    {
        foreach (var (from, to) in Clauses(tokens))
        {
            var here = mentions.Where(m => m.Start >= from && m.Start <= to).ToList();
            if (here.Count == 0) continue;
            var parts = Parts(tokens, from, to);
            var talk = SentenceTalksOfColour(tokens, from);
            var pairs = (from m in here
                         from p in parts
                         let distance = p.Start > m.End ? p.Start - m.End : m.Start - p.End
                         where distance > 0 && distance <= LongestLink && (!p.Weak || distance > 1 || p.End < m.Start || talk) // "a green card" is a card
                         orderby distance, p.Start > m.End ? 0 : 1
                         select (m, p)).ToList();
            var (taken, used) = (new HashSet<Mention>(), new HashSet<Part>());
            foreach (var (m, p) in pairs)
                if (!taken.Contains(m) && !used.Contains(p) && taken.Add(m) && used.Add(p)) yield return (m, p);
        }
    }

    /// <summary>Clauses of a request: runs of tokens between breaks, commas, semicolons, brackets, "and" and "then".</summary>
    static IEnumerable<(int From, int To)> Clauses(List<Token> tokens)
    {
        var from = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && !EndsClause(tokens[i])) continue;
            if (i > from) yield return (from, i - 1);
            from = i + 1;
        }
    }

    static bool EndsClause(Token t) => t.Kind == TokenKind.Break || t.Lower is "," or ";" or "(" or ")" or "[" or "]" or "and" or "then";

    /// <summary>The role phrases of a clause: runs of role words, each read by its last ("the component background" is the background).</summary>
    List<Part> Parts(List<Token> tokens, int from, int to)
    {
        var parts = new List<Part>();
        for (var i = from; i <= to; i++)
        {
            var (role, length, weak) = RoleAt(tokens, i, to);
            if (role is null) continue;
            var end = i + length - 1;
            while (RoleAt(tokens, end + 1, to) is { Role: not null } next) (role, weak, end) = (next.Role, weak && next.Weak, end + next.Length);
            parts.Add(new Part(i, end, role, weak));
            i = end;
        }
        return parts;
    }

    (string? Role, int Length, bool Weak) RoleAt(List<Token> tokens, int i, int to)
    {
        for (var length = Math.Min(Palette.LongestRole, to - i + 1); length >= 1; length--)
        {
            if (tokens.Skip(i).Take(length).Any(t => !t.IsWord || t.Role is not null)) continue;
            var phrase = string.Join(' ', tokens.Skip(i).Take(length).Select(t => t.Lower));
            if (Palette.RoleOf(phrase) is { } role) return (role, length, Palette.IsWeakRole(phrase));
        }
        return (null, 0, false);
    }

    /// <summary>Whether the sentence of a clause speaks of colour ("colour", "styled") or names a part only a page has ("buttons").</summary>
    bool SentenceTalksOfColour(List<Token> tokens, int at)
    {
        var start = at;
        while (start > 0 && tokens[start - 1].Kind != TokenKind.Break) start--;
        for (var k = start; k < tokens.Count && tokens[k].Kind != TokenKind.Break; k++)
            if (Palette.TalksOfColour(tokens[k].Lower) || RoleAt(tokens, k, k) is { Role: not null, Weak: false }) return true;
        return false;
    }

    /// <summary>A colour with no role word: read as before, only where the words around it speak of colour ("bronze, silver or gold" are values).</summary>
    void ReadUnplaced(List<Token> tokens, PresentationSpec presentation, Mention mention)
    {
        var (start, end) = Span(tokens, mention.Start, mention.Length);
        if (!Enumerable.Range(start, end - start + 1).Any(k => tokens[k].Lower is "colour" or "color" or "theme" or "scheme" or "palette" or "use" or "paint")) return;
        Place(tokens, presentation, mention, presentation.Accent is null ? "accent" : presentation.Background is null ? "background" : "text");
        Take(tokens, start, end, "presentation");
    }

    static void Place(List<Token> tokens, PresentationSpec presentation, Mention mention, string role)
    {
        switch (role)
        {
            case "background": presentation.Background = mention.Hex; break;
            case "text": presentation.Text = mention.Hex; break;
            default: presentation.Accent = mention.Hex; break;
        }
        for (var k = mention.Start; k <= mention.End; k++) tokens[k].Role = "presentation:" + role;
    }

    /// <summary>
    /// The colour named at a token: a hex, or a CSS name in up to four words ("light goldenrod yellow"), or two or
    /// more words that start exactly one ("light goldenrod"). It takes with it a word no CSS name has ("azure mist")
    /// and a second colour word that adds nothing CSS names ("navy blue" is navy).
    /// </summary>
    (string? Hex, int Length) ColourAt(List<Token> tokens, int i)
    {
        if (i >= tokens.Count) return (null, 0);
        if (tokens[i].Kind == TokenKind.Hex)
        {
            var hex = tokens[i].Lower;
            return (hex.Length == 4 ? $"#{hex[1]}{hex[1]}{hex[2]}{hex[2]}{hex[3]}{hex[3]}" : hex, 1);
        }
        for (var length = 4; length >= 1; length--)
        {
            if (i + length > tokens.Count || tokens.Skip(i).Take(length).Any(t => !t.IsWord)) continue;
            var name = string.Concat(tokens.Skip(i).Take(length).Select(t => t.Lower));
            if (Palette.Named(name, prefix: length > 1) is { } value) return (value, length + Trailing(tokens, i + length));
        }
        return (null, 0);
    }

    /// <summary>One word after a colour that belongs to its name: another colour word, or a word no CSS name has before a clause's link.</summary>
    int Trailing(List<Token> tokens, int j)
    {
        if (j >= tokens.Count || !tokens[j].IsWord || tokens[j].Role is not null) return 0;
        var word = tokens[j].Lower;
        if (Palette.Named(word, prefix: false) is not null) return 1;
        if (Palette.IsColourWord(word) || Palette.IsPresentationWord(word) || lexicon.IsFunctionWord(word) || RoleAt(tokens, j, j).Role is not null) return 0;
        var next = j + 1 < tokens.Count ? tokens[j + 1] : null;
        return next is null || next.IsSeparator || lexicon.IsFunctionWord(next.Lower) ? 1 : 0;
    }

    /// <summary>The run of presentation words around a colour: "use ivory for the background", "with a dark theme".</summary>
    (int Start, int End) Span(List<Token> tokens, int i, int length)
    {
        var start = i;
        while (start > 0 && Fits(tokens, start - 1)) start--;
        var end = i + Math.Max(length, 1) - 1;
        while (end + 1 < tokens.Count && Fits(tokens, end + 1)) end++;
        while (start < i && (tokens[start].Lower is "," or "and" || tokens[start].Lower == "with" && start + 1 < tokens.Count && tokens[start + 1].Lower == ",")) start++;
        while (end > i && tokens[end].Lower is "," or "and" or "with" or "a" or "an" or "the") end--;
        return (start, end);
    }

    bool Fits(List<Token> tokens, int k)
    {
        var t = tokens[k];
        if (t.Role is not null) return t.Role.StartsWith("presentation:", StringComparison.Ordinal) && t.Role != "presentation:title" || t.Role == "presentation"; // a colour already read
        return t.Kind != TokenKind.Break && (t.Kind == TokenKind.Hex || t.Lower == ","
            || t.IsWord && (Palette.IsPresentationWord(t.Lower) || RoleAt(tokens, k, k).Role is not null || ColourAt(tokens, k).Hex is not null || t.Lower is "dark" or "light"));
    }

    /// <summary>Takes a colour's words out of the request: from the colour to its role word, and the presentation words around them.</summary>
    void Take(List<Token> tokens, int start, int end, string role)
    {
        while (start > 0 && Fits(tokens, start - 1) && !EndsClause(tokens[start - 1])) start--;
        while (end + 1 < tokens.Count && Fits(tokens, end + 1) && !EndsClause(tokens[end + 1])) end++;
        for (var k = start; k <= end; k++)
        {
            tokens[k].Consumed = true;
            // every content word taken is accounted for as the look's ("apply", "visible", "styling")
            if (tokens[k].IsWord && !lexicon.IsFunctionWord(tokens[k].Lower)) tokens[k].Role ??= role;
        }
    }

    void ReadTitle(List<Token> tokens, PresentationSpec presentation)
    {
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var start = -1;
            if (TitleVerbs.Contains(tokens[i].Lower) && tokens[i + 1].Lower is "it" or "this" && i + 2 < tokens.Count) start = i + 2;
            else if (TitleParticiples.Contains(tokens[i].Lower) && i > 0 && (tokens[i - 1].Lower is "it" or "be" or "is" or "app" or "application" or "site" or "project" || lexicon.In("appWords", tokens[i - 1].Lower)
                     || tokens[i + 1].IsWord && char.IsUpper(tokens[i + 1].Text[0]))) start = i + 1; // "... called Daily Wins": a capitalised name
            else if (tokens[i].Lower is "title" && tokens[i + 1].Lower is ":" or "of") start = i + 2;
            if (start < 0) continue;
            if (start < tokens.Count && tokens[start].Lower is "as" or ":") start++;
            var end = start;
            while (end < tokens.Count && end - start < 6 && (tokens[end].IsWord || tokens[end].IsNumber)
                   && !(end > start && char.IsLower(tokens[end].Text[0]) && (lexicon.IsFunctionWord(tokens[end].Lower) || lexicon.Is("verb", tokens[end].Lower))))
                end++;
            if (end == start) continue;
            var words = tokens.Skip(start).Take(end - start).Select(t => t.Written).ToList();
            presentation.Title = words.All(w => char.IsLower(w[0])) ? Inflector.Title(words) : string.Join(' ', words);
            for (var k = i; k < end; k++) { tokens[k].Consumed = true; tokens[k].Role = k >= start ? "app-name" : "presentation:title"; }
            return;
        }
    }
}
