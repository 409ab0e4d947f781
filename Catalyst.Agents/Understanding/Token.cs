using System.Text.RegularExpressions;

namespace Catalyst.Agents.Understanding;

public enum TokenKind { Word, Number, Hex, Punct, Break }

/// <summary>One token of a request: its text as written, lower-cased, and the role the understanding gave it.</summary>
public sealed class Token(int index, string text, TokenKind kind)
{
    public int Index { get; } = index;
    public string Text { get; } = text;
    public string Lower { get; private set; } = text.ToLowerInvariant();

    /// <summary>Reads a misspelt word as the word it was meant to be ("expences" -> expenses); the text stays as written.</summary>
    public void Respell(string lower) => Lower = lower;
    public TokenKind Kind { get; } = kind;

    /// <summary>What the understanding used the word for ("entity:Deal", "field:Deal.value" ...); null while unplaced.</summary>
    public string? Role { get; set; }

    /// <summary>Written as a possessive ("the dog's", "the kids'"): it names whose the next noun is.</summary>
    public bool Possessive { get; init; }

    /// <summary>The word as written, with its possessive ending ("Grandma's").</summary>
    public string Written => Possessive ? Text + (Lower.EndsWith('s') && !Lower.EndsWith("ss", StringComparison.Ordinal) ? "'" : "'s") : Text;

    /// <summary>Taken by a reader (presentation, features) so the structure reader no longer sees it.</summary>
    public bool Consumed { get; set; }

    /// <summary>A line break that opens a bullet ("\n- company", "\n2. role"): the line is an item of a list.</summary>
    public bool Bullet { get; init; }

    /// <summary>Read and passed over: part of a clause that names nothing the app can keep ("how I felt"), so its words are not understood.</summary>
    public bool PassedOver { get; set; }

    public bool IsWord => Kind == TokenKind.Word;
    public bool IsNumber => Kind == TokenKind.Number;
    public bool Is(string lower) => Lower == lower;
    public bool IsSeparator => Kind is TokenKind.Punct or TokenKind.Break;
    public override string ToString() => Text;
}

/// <summary>Splits a request into tokens: words, numbers, hex colours, punctuation, and sentence and line breaks.</summary>
public static partial class Tokenizer
{
    public const int MaxTokens = 4000;

    public static List<Token> Tokenize(string prompt)
    {
        // "e.g. breakfast", "i.e. the", "etc.)": abbreviations end no sentence
        var text = Abbreviation().Replace(prompt, m => m.Value.Replace(".", "", StringComparison.Ordinal));
        text = Joined().Replace(text, m => m.Value.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace(" or ", "", StringComparison.OrdinalIgnoreCase));
        var tokens = new List<Token>();
        foreach (Match m in Pieces().Matches(text))
        {
            if (tokens.Count == MaxTokens) break;
            var value = m.Value;
            var kind = m.Groups["hex"].Success ? TokenKind.Hex
                : m.Groups["num"].Success ? TokenKind.Number
                : m.Groups["word"].Success ? TokenKind.Word
                : m.Groups["brk"].Success ? TokenKind.Break
                : TokenKind.Punct;
            var possessive = false;
            if (kind == TokenKind.Word)
            {
                if (value.Length > 40) continue;
                var apostrophe = value.IndexOf('\'');
                // "customer's" -> customer (a possessive), "it's" -> it; "the kids' chores": a plural possessive
                possessive = apostrophe > 0 && value[apostrophe..].Equals("'s", StringComparison.OrdinalIgnoreCase) && !Contractions.Contains(value[..apostrophe].ToLowerInvariant())
                    || apostrophe < 0 && value.EndsWith('s') && m.Index + m.Length < text.Length && text[m.Index + m.Length] is '\'' or '’';
                if (apostrophe > 0) value = value[..apostrophe];
            }
            if (kind == TokenKind.Break && tokens.Count > 0 && tokens[^1].Kind == TokenKind.Break) continue;
            // a dash between words ("my coffee brews - bean origin, grind size") introduces what follows, like a colon
            if (value is "-" or "–" or "—" && tokens.Count > 0 && tokens[^1].IsWord) value = ":";
            var bullet = kind == TokenKind.Break && value.TrimEnd() is [.., '-' or '*' or '•' or '.' or ')'] && value.Contains('\n', StringComparison.Ordinal);
            tokens.Add(new Token(tokens.Count, kind == TokenKind.Break && value is not ("." or "!" or "?") ? "\n" : value, kind) { Possessive = possessive, Bullet = bullet });
        }
        return tokens;
    }

    /// <summary>Words whose "'s" is "is" or "has" or "us", not a possessive.</summary>
    static readonly HashSet<string> Contractions = ["it", "that", "what", "who", "he", "she", "there", "here", "let", "where", "how", "when", "everyone", "nobody", "somebody"];

    [GeneratedRegex(@"(?i)\b(?:e\.g\.|i\.e\.|etc\.(?=\s*[a-z,;)]))")] private static partial Regex Abbreviation();

    [GeneratedRegex(@"(?i)\b(to-do|e-mail|check-in|check-out|sign-in|sign-up|log-in|yes-no|yes/no|yes or no|true/false|true or false|y/n|real-time)\b")] private static partial Regex Joined();

    [GeneratedRegex(@"(?<hex>#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b)|(?<word>\d*[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*(?:'[A-Za-z]+)?)|(?<num>\d+(?:\.\d+)?)|(?<brk>[.!?](?=\s|$)|\r?\n\s*(?:[-*•]|\d+[.)])?)|[,;:()\[\]/&%+\-–—]")]
    private static partial Regex Pieces();
}
