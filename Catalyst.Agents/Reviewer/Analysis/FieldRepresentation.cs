using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>
/// How one field type of the spec may look in each place of a generated app: its OpenAPI type and format, the
/// C# types a model property may have, the Node validator that checks it, and its name in the page's schema.json.
/// Written against docs/understanding.md and docs/generated-apps.md, and deliberately tolerant: any of the
/// listed forms is right, so a generator may pick a narrower or wider one without failing the review.
/// </summary>
public sealed record FieldRepresentation(string OpenApiType, string? OpenApiFormat, string[] CSharpTypes, string[] NodeCheckers, string[] PageTypes)
{
    const string Strings = "string";

    static readonly string[] TextTypes = [Strings];
    static readonly string[] NumberTypes = ["decimal", "double", "float"];
    static readonly string[] ListTypes = ["List<string>", "IList<string>", "IReadOnlyList<string>", "ICollection<string>", "IEnumerable<string>", "string[]", "HashSet<string>"];

    /// <summary>The one table: field type -> (OpenAPI type, format, C# types, Node validators, page type names).</summary>
    public static FieldRepresentation For(FieldType type) => type switch
    {
        FieldType.String => new(Strings, null, TextTypes, ["string", "text"], ["string"]),
        FieldType.Text => new(Strings, null, TextTypes, ["text", "string"], ["text"]),
        FieldType.Email => new(Strings, "email", TextTypes, ["email"], ["email"]),
        FieldType.Url => new(Strings, "uri", [.. TextTypes, "Uri"], ["url", "uri"], ["url"]),
        FieldType.Phone => new(Strings, null, TextTypes, ["phone", "string"], ["phone"]),
        FieldType.Money => new("number", null, NumberTypes, ["money", "decimal", "number"], ["money"]),
        FieldType.Decimal => new("number", null, NumberTypes, ["decimal", "number", "money"], ["decimal"]),
        FieldType.Integer => new("integer", null, ["int", "long", "short", "Int32", "Int64"], ["integer", "int"], ["integer"]),
        FieldType.Boolean => new("boolean", null, ["bool", "Boolean"], ["boolean", "bool"], ["boolean"]),
        FieldType.Date => new(Strings, "date", ["DateOnly", "DateTime", "DateTimeOffset"], ["date"], ["date"]),
        FieldType.DateTime => new(Strings, "date-time", ["DateTimeOffset", "DateTime"], ["datetime", "dateTime"], ["datetime"]),
        FieldType.StringList => new("array", null, ListTypes, ["list", "stringlist", "strings"], ["list", "stringlist"]),
        FieldType.Reference => new(Strings, "uuid", ["Guid"], ["reference", "uuid", "id"], ["reference"]),
        FieldType.Enum => new(Strings, null, TextTypes, ["enum", "oneof", "choice"], ["enum"]),
        _ => new(Strings, null, TextTypes, [], []),
    };

    /// <summary>"string/date-time", "integer", "array of string": how the contract should spell the type.</summary>
    public string OpenApi => OpenApiType == "array" ? "array of string" : OpenApiFormat is null ? OpenApiType : $"{OpenApiType}/{OpenApiFormat}";

    /// <summary>A C# type (as written, nullable or qualified) is one of the accepted ones; <paramref name="enums"/> are the app's own enum types.</summary>
    public bool AcceptsCSharp(string written, FieldType type, IReadOnlySet<string> enums)
    {
        var bare = Bare(written);
        return CSharpTypes.Any(t => string.Equals(Bare(t), bare, StringComparison.Ordinal)) || (type == FieldType.Enum && enums.Contains(bare));
    }

    public bool AcceptsNode(string checker) => NodeCheckers.Any(c => Same(c, checker));

    public bool AcceptsPage(string pageType) => PageTypes.Any(t => Same(t, pageType));

    /// <summary>"global::System.Collections.Generic.List&lt;string&gt;?" -> "List&lt;string&gt;".</summary>
    static string Bare(string type)
    {
        var text = type.Replace(" ", "", StringComparison.Ordinal).Replace("global::", "", StringComparison.Ordinal).TrimEnd('?');
        foreach (var ns in new[] { "System.Collections.Generic.", "System." }) text = text.Replace(ns, "", StringComparison.Ordinal);
        return text switch { "String" => "string", "Decimal" => "decimal", "Double" => "double", "Boolean" => "bool", _ => text };
    }

    /// <summary>Names compared without case, underscores or hyphens: "date_time" is "dateTime" is "datetime".</summary>
    static bool Same(string a, string b) => string.Equals(Squash(a), Squash(b), StringComparison.OrdinalIgnoreCase);

    static string Squash(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
