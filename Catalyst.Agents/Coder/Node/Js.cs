using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;
using static Catalyst.Agents.Understanding.FieldType;

namespace Catalyst.Agents.Coder.Node;

/// <summary>JavaScript literals, and the per-type values the Node generator writes into code and tests.</summary>
static class Js
{
    static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double-quoted JavaScript string literal.</summary>
    public static string Str(string value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A JSON value written as a JavaScript literal.</summary>
    public static string Lit(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    /// <summary>The property access item["name"], safe for any JSON name.</summary>
    public static string Prop(string target, FieldSpec field) => $"{target}[{Str(field.JsonName)}]";

    public static bool IsText(FieldType type) => type is FieldType.String or Text or Email or Url or Phone;

    /// <summary>Compared as text, ignoring case, when filtering and sorting.</summary>
    public static bool IsTextual(FieldType type) => IsText(type) || type == FieldType.Enum;

    /// <summary>Offered as ?sort= (a list has no order of its own).</summary>
    public static bool Sorts(FieldSpec field) => field.Sortable && field.Type != StringList;

    /// <summary>Fields ?q= looks into: string, text, email, url and list fields.</summary>
    public static bool IsSearchable(FieldType type) => IsText(type) || type == StringList;

    /// <summary>The entity gets the extra "tags" list (unless it already has a field of that name).</summary>
    public static bool HasTags(AppSpec spec, EntitySpec entity) => spec.Features.Tags && entity.Fields.All(f => f.JsonName != "tags");

    /// <summary>The aggregate served at /api/{route}/totals, with its fields resolved (the first one per entity).</summary>
    public static (FieldSpec Sum, FieldSpec Group)? Totals(AppSpec spec, EntitySpec entity)
    {
        foreach (var aggregate in spec.Features.Aggregates.Where(a => a.Entity == entity.Name))
        {
            var sum = entity.Fields.FirstOrDefault(f => f.Name == aggregate.SumField);
            var group = entity.Fields.FirstOrDefault(f => f.Name == aggregate.GroupBy);
            if (sum is not null && group is not null) return (sum, group);
        }
        return null;
    }

    /// <summary>The entity a reference field points to, when it exists in the spec.</summary>
    public static EntitySpec? Target(AppSpec spec, FieldSpec field) => field.References is null ? null : spec.Entity(field.References);

    /// <summary>A valid value for tests and examples; null for references (created at run time).</summary>
    public static JsonNode? Sample(FieldSpec field) => field.Type switch
    {
        FieldType.String => $"Sample {field.Label}",
        Text => $"Sample {field.Label} text",
        Money or FieldType.Decimal => 12.5,
        Integer => Whole(field, 3),
        FieldType.Boolean => true,
        Date => "2026-01-15",
        FieldType.DateTime => "2026-01-15T18:30:00.000Z",
        Phone => "+1 555 123 4567",
        FieldType.Enum => field.Options.FirstOrDefault(),
        Email => "someone@example.com",
        Url => "https://example.com",
        StringList => new JsonArray("alpha", "beta"),
        _ => null,
    };

    /// <summary>A different valid value (updates, filters that must not match).</summary>
    public static JsonNode? Other(FieldSpec field) => field.Type switch
    {
        FieldType.String => $"Changed {field.Label}",
        Text => $"Changed {field.Label} text",
        Money => 99.5,
        FieldType.Decimal => 7.25,
        Integer => Whole(field, 7) is var changed && changed != Whole(field, 3) ? changed : field.Minimum ?? 0,
        FieldType.Boolean => false,
        Date => "2026-02-20",
        FieldType.DateTime => "2026-02-20T09:05:00.000Z",
        Phone => "(020) 7946 0958",
        FieldType.Enum => field.Options.Count > 1 ? field.Options[1] : field.Options.FirstOrDefault(),
        Email => "other@example.com",
        Url => "https://example.org/other",
        StringList => new JsonArray("gamma"),
        _ => null,
    };

    /// <summary>A JavaScript expression the field's rules reject.</summary>
    public static string Invalid(FieldSpec field) => field.Type switch
    {
        FieldType.String => "\"x\".repeat(201)",
        Text => "\"x\".repeat(5001)",
        Money => "-1",
        FieldType.Decimal => "\"abc\"",
        Integer => field.Maximum is { } maximum ? (maximum + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1.5",
        FieldType.Boolean => "\"maybe\"",
        Date => "\"2026-02-30\"",
        FieldType.DateTime => "\"2026-02-30T10:00:00Z\"",
        Phone => "\"call me maybe\"",
        FieldType.Enum => "\"not-one-of-them\"",
        Email => "\"not-an-email\"",
        Url => "\"ftp://example.com\"",
        StringList => "[\"x\".repeat(201)]",
        _ => "\"not-an-id\"",
    };

    /// <summary>A whole number moved into the field's bounds.</summary>
    public static int Whole(FieldSpec field, int wanted) =>
        Math.Clamp(wanted, field.Minimum ?? 0, Math.Max(field.Minimum ?? 0, field.Maximum ?? int.MaxValue));

    /// <summary>Extra arguments of the field's checker: an integer's bounds, an enum's options.</summary>
    public static string CheckerOptions(FieldSpec field) => field.Type switch
    {
        Integer when field.Minimum is not null || field.Maximum is not null =>
            $", {{ min: {field.Minimum ?? 0}{(field.Maximum is { } max ? $", max: {max}" : "")} }}",
        FieldType.Enum => $", {Lit(new JsonArray([.. field.Options.Select(o => (JsonNode)o)]))}",
        _ => "",
    };

    /// <summary>A value containing "zebra" for the search test.</summary>
    public static JsonNode? Searchable(FieldSpec field) => field.Type switch
    {
        Email => "zebra@example.com",
        Url => "https://zebra.example.com",
        StringList => new JsonArray("zebra"),
        _ => "Zebra crossing",
    };

    /// <summary>The validation helper (src/validation.js) that checks a field of this type.</summary>
    public static string Checker(FieldType type) => type switch
    {
        StringList => "list",
        FieldType.Enum => "oneOf",
        _ => type.ToString().ToLowerInvariant(),
    };
}
