namespace Catalyst.Agents.Understanding;

/// <summary>A kind of record the request names, before it becomes an <see cref="EntitySpec"/>.</summary>
public sealed class EntityDraft(List<string> words, IEnumerable<Token> tokens)
{
    /// <summary>The singular noun phrase, lower case: ["exercise", "entry"].</summary>
    public List<string> Words { get; } = words;
    public List<Token> Tokens { get; } = [.. tokens];
    public List<FieldDraft> Fields { get; } = [];

    /// <summary>The entity this one belongs to (nested ownership, "belong to", "many Ys").</summary>
    public List<string>? Parent { get; set; }

    /// <summary>Named as a record with fields ("cards have ...") rather than only mentioned.</summary>
    public bool Defined { get; set; }

    /// <summary>Said with "each"/"every": "each exercise entry has ...".</summary>
    public bool Each { get; set; }

    public int Sentence { get; set; }
    public string Head => Words[^1];
    public bool Same(IReadOnlyList<string> other) => Words.SequenceEqual(other, StringComparer.Ordinal);
}

/// <summary>One field the request asked for, as read: its name words, and what the phrase said about its type.</summary>
public sealed class FieldDraft(List<string> words, IEnumerable<Token> tokens)
{
    public List<string> Words { get; set; } = words;
    public List<Token> Tokens { get; } = [.. tokens];
    public FieldType? Type { get; set; }
    public int? Minimum { get; set; }
    public int? Maximum { get; set; }
    public List<string> Options { get; } = [];
    public bool Optional { get; set; }

    /// <summary>The unit the request measures it in ("in seconds", "in km"), which says it is a number.</summary>
    public string? Unit { get; set; }

    /// <summary>What it is counted per ("a target per week"), which says an untyped value is a number.</summary>
    public string? Per { get; set; }

    /// <summary>"many cards", "multiple photos": a list of other records rather than a value.</summary>
    public bool Many { get; set; }

    public bool Bare { get; set; }

    /// <summary>Held by its owner's have-word ("teams have players", "orders contain order items"): other records, when they are named so.</summary>
    public bool Contained { get; set; }

    /// <summary>"patients (name, date of birth)": the phrase named records with their fields, not a field.</summary>
    public bool DefinesRecord { get; set; }
    public string Source { get; set; } = FieldSources.Request;
}

/// <summary>"sort by due date", "filter by status": a field the list can be sorted or filtered by.</summary>
public sealed record ListingRequest(string Kind, List<string> Words, List<Token> Tokens, List<string>? Entity)
{
    /// <summary>"grouped by status (todo, doing, done)": the field's values, when the listing names a field with them.</summary>
    public FieldDraft? Field { get; init; }
}

/// <summary>"mark them closed": a state the records can be put in.</summary>
public sealed record StateRequest(string State, Token Token, List<string>? Entity);
