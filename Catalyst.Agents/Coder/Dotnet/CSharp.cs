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

    public static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>The stored property type.</summary>
    public static string PropertyType(FieldSpec f) => f.Type switch
    {
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url => f.Required ? "string" : "string?",
        FieldType.Money or FieldType.Decimal => f.Required ? "decimal" : "decimal?",
        FieldType.Integer => f.Required ? "int" : "int?",
        FieldType.Boolean => "bool",
        FieldType.Date => f.Required ? "DateOnly" : "DateOnly?",
        FieldType.StringList => "List<string>",
        _ => f.Required ? "Guid" : "Guid?",
    };

    public static string Initializer(FieldSpec f) => f.Type switch
    {
        FieldType.StringList => " = [];",
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url when f.Required => " = \"\";",
        _ => "",
    };

    /// <summary>The request property type: everything nullable, so "missing" can be told from "zero".</summary>
    public static string InputType(FieldSpec f) => f.Type switch
    {
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url => "string?",
        FieldType.Money or FieldType.Decimal => "decimal?",
        FieldType.Integer => "int?",
        FieldType.Boolean => "bool?",
        FieldType.Date => "DateOnly?",
        FieldType.StringList => "List<string>?",
        _ => "Guid?",
    };

    /// <summary>Expression copying the input value onto the stored record.</summary>
    public static string Assign(FieldSpec f) => f.Type switch
    {
        FieldType.Boolean => $"{f.Name} ?? false",
        FieldType.StringList => $"{f.Name}?.Select(v => v.Trim()).Where(v => v.Length > 0).ToList() ?? []",
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url => f.Required ? $"{f.Name}!.Trim()" : $"{f.Name}?.Trim()",
        _ => f.Required ? $"{f.Name}!.Value" : f.Name,
    };

    /// <summary>The field's value as text, for grouping.</summary>
    public static string AsKey(FieldSpec f, string item) => f.Type switch
    {
        FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url => $"{item}.{f.Name} ?? \"\"",
        FieldType.Boolean => $"{item}.{f.Name} ? \"true\" : \"false\"",
        FieldType.Date => f.Required ? $"{item}.{f.Name}.ToString(\"yyyy-MM-dd\")" : $"{item}.{f.Name}?.ToString(\"yyyy-MM-dd\") ?? \"\"",
        _ => $"{item}.{f.Name}?.ToString() ?? \"\"",
    };

    public static bool IsText(FieldSpec f) => f.Type is FieldType.String or FieldType.Text or FieldType.Email or FieldType.Url;
}
