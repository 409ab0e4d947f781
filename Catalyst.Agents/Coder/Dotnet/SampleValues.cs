using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>C# expressions (JsonNode values) for test payloads: a valid value, a changed one, and invalid ones.</summary>
static class SampleValues
{
    public static string Valid(FieldSpec f, string prefix = "Sample") => f.Type switch
    {
        FieldType.String => CSharp.Literal($"{prefix} {f.Label}"),
        FieldType.Text => CSharp.Literal($"{prefix} notes about {f.Label}"),
        FieldType.Email => CSharp.Literal(prefix == "Sample" ? "someone@example.com" : "other@example.org"),
        FieldType.Url => CSharp.Literal(prefix == "Sample" ? "https://example.com/page" : "https://example.org/other"),
        FieldType.Money => prefix == "Sample" ? "12.5m" : "99.75m",
        FieldType.Decimal => prefix == "Sample" ? "3.25m" : "7.5m",
        FieldType.Integer => Whole(f, prefix).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldType.Phone => CSharp.Literal(prefix == "Sample" ? "+1 555 123 4567" : "(020) 7946 0958"),
        FieldType.Enum => CSharp.Literal(Option(f, prefix)),
        FieldType.DateTime => prefix == "Sample" ? "\"2026-01-15T18:30:00+00:00\"" : "\"2026-02-01T09:05:00+00:00\"",
        FieldType.Boolean => prefix == "Sample" ? "true" : "false",
        FieldType.Date => prefix == "Sample" ? "\"2026-01-15\"" : "\"2026-02-01\"",
        FieldType.StringList => prefix == "Sample" ? "new JsonArray(\"flour\", \"sugar\")" : "new JsonArray(\"salt\")",
        _ => "null",
    };

    public static string? Invalid(FieldSpec f) => f.Type switch
    {
        FieldType.Email => "\"not-an-email\"",
        FieldType.Url => "\"not a url\"",
        FieldType.Money => "-1",
        FieldType.Integer => ((f.Minimum ?? 0) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldType.Phone => "\"call me maybe\"",
        FieldType.String => CSharp.Literal(new string('x', 201)),
        _ => null,
    };

    /// <summary>Whether the sample value sorts before the changed one (as the generated app sorts: text ignoring case).</summary>
    public static bool SampleSortsFirst(FieldSpec f) => f.Type switch
    {
        FieldType.Integer => Whole(f) < Whole(f, "Changed"),
        FieldType.Boolean => false,
        FieldType.Money or FieldType.Decimal or FieldType.Date or FieldType.DateTime => true,
        FieldType.Enum => string.Compare(Option(f), Option(f, "Changed"), StringComparison.OrdinalIgnoreCase) < 0,
        _ => string.Compare(Valid(f), Valid(f, "Changed"), StringComparison.OrdinalIgnoreCase) < 0,
    };

    /// <summary>A whole number inside the field's bounds: 3 (or 7 when changed), moved into range.</summary>
    public static int Whole(FieldSpec f, string prefix = "Sample")
    {
        var wanted = prefix == "Sample" ? 3 : 7;
        var minimum = f.Minimum ?? 0;
        var maximum = f.Maximum ?? int.MaxValue;
        var value = Math.Clamp(wanted, minimum, Math.Max(minimum, maximum));
        // A changed value must differ from the sample, even in a narrow range.
        return prefix != "Sample" && value == Whole(f) ? (value > minimum ? minimum : Math.Min(value + 1, maximum)) : value;
    }

    /// <summary>The first option, or the second one for a changed value.</summary>
    public static string Option(FieldSpec f, string prefix = "Sample") =>
        f.Options.Count == 0 ? "" : f.Options[prefix == "Sample" || f.Options.Count == 1 ? 0 : 1];

    /// <summary>The field a round-trip test changes: the first one that is not a reference.</summary>
    public static FieldSpec KeyField(EntitySpec e) => e.Fields.FirstOrDefault(f => f.Required && f.Type != FieldType.Reference)
        ?? e.Fields.FirstOrDefault(f => f.Type != FieldType.Reference) ?? e.Fields[0];
}
