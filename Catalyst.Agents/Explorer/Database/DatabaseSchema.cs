namespace Catalyst.Agents.Explorer.Database;

/// <summary>What the catalog says about a database, as read in one read-only snapshot.</summary>
public sealed record DatabaseSchema(
    string ServerVersion,
    string CurrentUser,
    bool Superuser,
    bool PublicCanCreate,
    bool? Encrypted,
    long SizeBytes,
    IReadOnlyList<string> Schemas,
    IReadOnlyList<TableInfo> Tables,
    bool Truncated);

/// <summary>A table; <see cref="RowEstimate"/> is pg_class.reltuples, null when never analysed.</summary>
public sealed record TableInfo(
    string Schema,
    string Name,
    long? RowEstimate,
    long SizeBytes,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<ForeignKeyInfo> ForeignKeys,
    IReadOnlyList<IndexInfo> Indexes)
{
    public string QualifiedName => $"{Schema}.{Name}";
}

/// <summary>A column: its declared type, the base type name (the element type for arrays), and enum labels when it is one.</summary>
public sealed record ColumnInfo(string Name, string DataType, string TypeName, bool IsArray, bool NotNull, bool HasDefault, IReadOnlyList<string> EnumLabels);

/// <summary>A foreign key from <see cref="Columns"/> to <see cref="ReferencedColumns"/> of another table.</summary>
public sealed record ForeignKeyInfo(string Name, IReadOnlyList<string> Columns, string ReferencedSchema, string ReferencedTable, IReadOnlyList<string> ReferencedColumns, string Definition);

/// <summary>An index's key columns in order ("(expression)" for an expression), and whether it is unique, primary or partial.</summary>
public sealed record IndexInfo(string Name, IReadOnlyList<string> Columns, bool Unique, bool Primary, bool Partial, string Definition);
