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
        FieldType.Integer => prefix == "Sample" ? "3" : "7",
        FieldType.Boolean => prefix == "Sample" ? "true" : "false",
        FieldType.Date => prefix == "Sample" ? "\"2026-01-15\"" : "\"2026-02-01\"",
        FieldType.StringList => prefix == "Sample" ? "new JsonArray(\"flour\", \"sugar\")" : "new JsonArray(\"salt\")",
        _ => "null",
    };

    public static string? Invalid(FieldSpec f) => f.Type switch
    {
        FieldType.Email => "\"not-an-email\"",
        FieldType.Url => "\"not a url\"",
        FieldType.Money or FieldType.Integer => "-1",
        FieldType.String => CSharp.Literal(new string('x', 201)),
        _ => null,
    };

    /// <summary>The field a round-trip test changes: the first one that is not a reference.</summary>
    public static FieldSpec KeyField(EntitySpec e) => e.Fields.FirstOrDefault(f => f.Required && f.Type != FieldType.Reference)
        ?? e.Fields.FirstOrDefault(f => f.Type != FieldType.Reference) ?? e.Fields[0];
}
