namespace Catalyst.Agents.Understanding;

/// <summary>
/// Reads how the page should look: colours and the part each colours ("ivory for the background", "navy
/// buttons", "the component colour to navy"), a light or dark theme, and the app's title ("call it Fuel Log").
/// The words it reads are taken out of the request before its structure is read.
/// </summary>
public sealed class PresentationReader(Lexicon lexicon)
{
    static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["background"] = "background", ["backgrounds"] = "background", ["bg"] = "background", ["backdrop"] = "background", ["page"] = "background",
        ["component"] = "accent", ["components"] = "accent", ["button"] = "accent", ["buttons"] = "accent", ["accent"] = "accent", ["accents"] = "accent",
        ["primary"] = "accent", ["header"] = "accent", ["headers"] = "accent", ["links"] = "accent", ["highlight"] = "accent", ["highlights"] = "accent",
        ["toolbar"] = "accent", ["navbar"] = "accent", ["brand"] = "accent", ["controls"] = "accent",
        ["text"] = "text", ["font"] = "text", ["fonts"] = "text", ["foreground"] = "text", ["writing"] = "text", ["lettering"] = "text",
    };

    static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "colour", "color", "colours", "colors", "coloured", "colored", "theme", "themed", "mode", "scheme", "palette", "look", "style", "styled",
        "use", "using", "set", "make", "paint", "give", "with", "should", "be", "is", "are", "and", "for", "the", "a", "an", "to", "in", "of", "its", "it", "all", "as", "on", "main", "please",
    };

    static readonly string[] TitleVerbs = ["call", "name", "title"];
    static readonly string[] TitleParticiples = ["called", "named", "titled", "entitled"];

    public void Read(List<Token> tokens, PresentationSpec presentation)
    {
        ReadTitle(tokens, presentation);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Role is not null || !(t.IsWord || t.Kind == TokenKind.Hex)) continue;
            var (colour, length) = ColourAt(tokens, i);
            var theme = colour is null && t.Lower is "dark" or "light" && i + 1 < tokens.Count && tokens[i + 1].Lower is "theme" or "mode" or "themed" or "look" or "ui" or "scheme" or "style" or "background"
                ? t.Lower : null;
            if (colour is null && theme is null) continue;
            var (start, end) = Span(tokens, i, length);
            if (theme is not null)
            {
                presentation.Theme = theme;
                if (tokens[i + 1].Lower == "background") presentation.Background ??= theme == "dark" ? "#1e1e1e" : "#ffffff";
                Take(tokens, start, end, "presentation:theme");
                t.Role = "presentation:theme";
                i = end;
                continue;
            }
            var role = RoleFor(tokens, start, end, i, length);
            if (role is null && !Enumerable.Range(start, end - start + 1).Any(k => tokens[k].Lower is "colour" or "color" or "theme" or "scheme" or "palette" or "use" or "paint"))
                continue; // "bronze, silver or gold" are values, not a look
            role ??= presentation.Accent is null ? "accent" : presentation.Background is null ? "background" : "text";
            switch (role)
            {
                case "background": presentation.Background = colour; break;
                case "text": presentation.Text = colour; break;
                default: presentation.Accent = colour; break;
            }
            for (var k = i; k < i + length; k++) tokens[k].Role = "presentation:" + role;
            Take(tokens, start, end, "presentation");
            i += length - 1;
        }
    }

    (string? Colour, int Length) ColourAt(List<Token> tokens, int i)
    {
        if (tokens[i].Kind == TokenKind.Hex)
        {
            var hex = tokens[i].Lower;
            return (hex.Length == 4 ? $"#{hex[1]}{hex[1]}{hex[2]}{hex[2]}{hex[3]}{hex[3]}" : hex, 1);
        }
        for (var length = 3; length >= 1; length--)
        {
            if (i + length > tokens.Count || tokens.Skip(i).Take(length).Any(t => !t.IsWord)) continue;
            var name = string.Concat(tokens.Skip(i).Take(length).Select(t => t.Lower));
            if (lexicon.Colours.TryGetValue(name, out var value)) return (value, length);
        }
        return (null, 0);
    }

    /// <summary>The run of presentation words around a colour: "use ivory for the background", "with a dark theme".</summary>
    (int Start, int End) Span(List<Token> tokens, int i, int length)
    {
        bool Fits(Token t) => t.Role is not ("app-name" or "presentation:title") && t.Kind != TokenKind.Break && (t.Kind == TokenKind.Hex || t.Lower == ","
            || (t.IsWord && (Context.Contains(t.Lower) || Roles.ContainsKey(t.Lower) || ColourAt(tokens, t.Index).Colour is not null || t.Lower is "dark" or "light")));
        var start = i;
        while (start > 0 && Fits(tokens[start - 1])) start--;
        var end = i + Math.Max(length, 1) - 1;
        while (end + 1 < tokens.Count && Fits(tokens[end + 1])) end++;
        while (start < i && (tokens[start].Lower is "," or "and" || tokens[start].Lower == "with" && start + 1 < tokens.Count && tokens[start + 1].Lower == ",")) start++;
        while (end > i && tokens[end].Lower is "," or "and" or "with" or "a" or "an" or "the") end--;
        return (start, end);
    }

    /// <summary>The role word in the colour's own part of the span (parts are split at "and" and commas).</summary>
    static string? RoleFor(List<Token> tokens, int start, int end, int i, int length)
    {
        var from = i;
        while (from > start && tokens[from - 1].Lower is not ("and" or ",")) from--;
        var to = i + length - 1;
        while (to < end && tokens[to + 1].Lower is not ("and" or ",")) to++;
        for (var k = from; k <= to; k++)
            if (Roles.TryGetValue(tokens[k].Lower, out var role)) return role;
        return null;
    }

    static void Take(List<Token> tokens, int start, int end, string role)
    {
        for (var k = start; k <= end; k++)
        {
            tokens[k].Consumed = true;
            if (tokens[k].IsWord && Roles.ContainsKey(tokens[k].Lower) || tokens[k].Lower is "theme" or "mode" or "colour" or "color" or "scheme" or "palette")
                tokens[k].Role ??= role;
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
