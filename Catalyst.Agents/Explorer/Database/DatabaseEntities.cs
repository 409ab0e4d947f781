using System.Text.RegularExpressions;
using Catalyst.Agents.Understanding;
using Humanizer;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>
/// Tables as the Planner's record kinds: order_items becomes OrderItem, a single-column foreign key a Reference to
/// the entity of the table it points to, and PostgreSQL types the nearest <see cref="FieldType"/>. The primary key
/// is left out, as a generated app gives every record its own id.
/// </summary>
public static partial class DatabaseEntities
{
    public static IReadOnlyList<DiscoveredEntity> From(IReadOnlyList<TableInfo> tables)
    {
        var names = new Dictionary<(string Schema, string Table), string>();
        foreach (var table in tables)
        {
            var name = EntityName(table.Name);
            // The same table name in two schemas: the second keeps its schema in its name.
            if (names.ContainsValue(name)) name = table.Schema.Pascalize() + name;
            names[(table.Schema, table.Name)] = name;
        }
        return [.. tables.Select(t => new DiscoveredEntity(names[(t.Schema, t.Name)], Fields(t, names), $"database:{t.QualifiedName}"))];
    }

    public static string EntityName(string table) => table.Pascalize().Singularize(inputIsKnownToBePlural: false);

    static List<DiscoveredField> Fields(TableInfo table, Dictionary<(string, string), string> names)
    {
        var references = table.ForeignKeys.Where(f => f.Columns.Count == 1).GroupBy(f => f.Columns[0]).ToDictionary(g => g.Key, g => g.First());
        var skip = table.PrimaryKey.Count == 1 ? table.PrimaryKey[0] : null;
        var fields = new List<DiscoveredField>();
        foreach (var column in table.Columns.Where(c => c.Name != skip))
        {
            var required = column.NotNull && !column.HasDefault;
            if (references.TryGetValue(column.Name, out var key))
            {
                var target = names.TryGetValue((key.ReferencedSchema, key.ReferencedTable), out var known) ? known : EntityName(key.ReferencedTable);
                fields.Add(new(column.Name.Pascalize(), FieldType.Reference, column.NotNull, target));
            }
            else if (TypeOf(column) is { } type) fields.Add(new(column.Name.Pascalize(), type, required));
        }
        return fields;
    }

    /// <summary>The field type for a column, or null for one the generator has no field for (bytea, geometry...).</summary>
    public static FieldType? TypeOf(ColumnInfo column)
    {
        if (column.EnumLabels.Count > 0) return column.IsArray ? FieldType.StringList : FieldType.Enum;
        if (column.IsArray) return column.TypeName is "text" or "varchar" or "bpchar" or "citext" ? FieldType.StringList : null;
        return column.TypeName switch
        {
            "int2" or "int4" or "int8" => FieldType.Integer,
            "money" => FieldType.Money,
            "numeric" => MoneyName().IsMatch(column.Name) ? FieldType.Money : FieldType.Decimal,
            "float4" or "float8" => FieldType.Decimal,
            "bool" => FieldType.Boolean,
            "date" => FieldType.Date,
            "timestamp" or "timestamptz" => FieldType.DateTime,
            "text" or "json" or "jsonb" or "xml" => Named(column.Name) ?? FieldType.Text,
            "varchar" or "bpchar" or "citext" or "uuid" or "name" or "time" or "timetz" or "interval" or "inet" => Named(column.Name) ?? FieldType.String,
            _ => null,
        };
    }

    /// <summary>What a text column holds, by its name: email, url, phone.</summary>
    static FieldType? Named(string column) =>
        EmailName().IsMatch(column) ? FieldType.Email : UrlName().IsMatch(column) ? FieldType.Url : PhoneName().IsMatch(column) ? FieldType.Phone : null;

    [GeneratedRegex(@"(^|_)(price|amount|cost|total|balance|salary|fee|subtotal)($|_)", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyName();

    [GeneratedRegex(@"(^|_)e?mail($|_)|email", RegexOptions.IgnoreCase)]
    private static partial Regex EmailName();

    [GeneratedRegex(@"(^|_)(url|website|homepage|link)($|_)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlName();

    [GeneratedRegex(@"(^|_)(phone|mobile|telephone|tel)($|_)", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneName();
}
