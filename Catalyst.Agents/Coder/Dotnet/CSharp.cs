using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>How fields of an <see cref="AppSpec"/> look in generated C#.</summary>
static class CSharp
{
    static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>A local/parameter name for a field: its camelCase name, escaped when it is a keyword.</summary>
    public static string Local(FieldSpec f) => Keywords.Contains(f.JsonName) ? "@" + f.JsonName : f.JsonName;

    /// <summary>A verbatim string literal (@"..."), for regular expressions.</summary>
    public static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";

    public static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>The stored property type.</summary>
    public static string PropertyType(FieldSpec f) => f.Type switch
    {
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Enum => f.Required ? "string" : "string?",
        FieldType.Money or FieldType.Decimal => f.Required ? "decimal" : "decimal?",
        FieldType.Integer => f.Required ? "int" : "int?",
        FieldType.Boolean => "bool",
        FieldType.Date => f.Required ? "DateOnly" : "DateOnly?",
        FieldType.DateTime => f.Required ? "DateTimeOffset" : "DateTimeOffset?",
        FieldType.StringList => "List<string>",
        _ => f.Required ? "Guid" : "Guid?",
    };

    public static string Initializer(FieldSpec f) => f.Type switch
    {
        FieldType.StringList => " = [];",
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Enum when f.Required => " = \"\";",
        _ => "",
    };

    /// <summary>The request property type: everything nullable, so "missing" can be told from "zero".</summary>
    public static string InputType(FieldSpec f) => f.Type switch
    {
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Enum => "string?",
        FieldType.Money or FieldType.Decimal => "decimal?",
        FieldType.Integer => "int?",
        FieldType.Boolean => "bool?",
        FieldType.Date => "DateOnly?",
        FieldType.DateTime => "DateTimeOffset?",
        FieldType.StringList => "List<string>?",
        _ => "Guid?",
    };

    /// <summary>Expression copying the input value onto the stored record.</summary>
    public static string Assign(FieldSpec f) => f.Type switch
    {
        FieldType.Boolean => $"{f.Name} ?? false",
        FieldType.StringList => $"{f.Name}?.Select(v => v.Trim()).Where(v => v.Length > 0).ToList() ?? []",
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone => f.Required ? $"{f.Name}!.Trim()" : $"{f.Name}?.Trim()",
        // The option as the spec spells it, whatever the case the client sent.
        FieldType.Enum => f.Required ? $"{f.Name}!.Trim().ToLowerInvariant()" : $"string.IsNullOrWhiteSpace({f.Name}) ? null : {f.Name}.Trim().ToLowerInvariant()",
        _ => f.Required ? $"{f.Name}!.Value" : f.Name,
    };

    /// <summary>The field's value as text, for grouping.</summary>
    public static string AsKey(FieldSpec f, string item) => f.Type switch
    {
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Enum => $"{item}.{f.Name} ?? \"\"",
        FieldType.Boolean => $"{item}.{f.Name} ? \"true\" : \"false\"",
        FieldType.Date => f.Required ? $"{item}.{f.Name}.ToString(\"yyyy-MM-dd\")" : $"{item}.{f.Name}?.ToString(\"yyyy-MM-dd\") ?? \"\"",
        _ => $"{item}.{f.Name}?.ToString() ?? \"\"",
    };

    /// <summary>Free text: trimmed, length-checked and searched.</summary>
    public static bool IsText(FieldSpec f) => f.Type is FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone;

    /// <summary>Offered as ?sort= (a list has no order of its own).</summary>
    public static bool Sorts(FieldSpec f) => f.Sortable && f.Type != FieldType.StringList;

    /// <summary>Compared as text (case-insensitive) when filtering and sorting.</summary>
    public static bool IsTextual(FieldSpec f) => IsText(f) || f.Type == FieldType.Enum;
}
