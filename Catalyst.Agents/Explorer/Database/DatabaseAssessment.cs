using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>A foreign key no index starts with, and the statement that would add one.</summary>
public sealed record MissingIndex(TableInfo Table, ForeignKeyInfo ForeignKey, string CreateIndex);

/// <summary>
/// Judges a database's schema: foreign keys without an index, tables without a primary key, duplicate indexes
/// (tech debt), and a superuser connection, CREATE on public for everyone and password-named columns (security).
/// Both scores start at 100 and lose stated points per problem, listed in <see cref="ScanScores.HowComputed"/>.
/// </summary>
public static partial class DatabaseAssessment
{
    public static IReadOnlyList<MissingIndex> MissingForeignKeyIndexes(DatabaseSchema schema) =>
    [
        .. from table in schema.Tables
           from key in table.ForeignKeys
           where !table.Indexes.Any(i => !i.Partial && i.Columns.Count >= key.Columns.Count
                                         && i.Columns.Take(key.Columns.Count).ToHashSet().SetEquals(key.Columns))
           select new MissingIndex(table, key,
               $"CREATE INDEX {Identifier($"ix_{table.Name}_{string.Join("_", key.Columns)}")} ON {Identifier(table.Schema)}.{Identifier(table.Name)} " +
               $"({string.Join(", ", key.Columns.Select(Identifier))});"),
    ];

    public static ScanResult Assess(DatabaseTarget target, DatabaseSchema schema, TimeSpan elapsed, bool local)
    {
        var findings = new List<ScanFinding>();
        var suggestions = new List<SuggestedTask>();
        var security = new List<(string Reason, int Points)>();
        var debt = new List<(string Reason, int Points)>();

        var missing = MissingForeignKeyIndexes(schema);
        foreach (var gap in missing)
        {
            findings.Add(new("indexes", "medium", $"Foreign key {gap.ForeignKey.Name} has no index",
                $"{gap.Table.QualifiedName}({string.Join(", ", gap.ForeignKey.Columns)}) references {gap.ForeignKey.ReferencedSchema}.{gap.ForeignKey.ReferencedTable}: " +
                "joins on it and deletes of the referenced rows scan the whole table.", gap.Table.QualifiedName));
            suggestions.Add(new(gap.CreateIndex, $"Index the foreign key {gap.ForeignKey.Name} on {gap.Table.QualifiedName}.", "medium"));
        }
        if (missing.Count > 0) debt.Add(($"{missing.Count} foreign keys without an index", Math.Min(30, 5 * missing.Count)));

        var withoutKey = schema.Tables.Where(t => t.PrimaryKey.Count == 0).ToList();
        foreach (var table in withoutKey)
        {
            findings.Add(new("keys", "medium", $"{table.QualifiedName} has no primary key",
                "Rows cannot be addressed reliably, logical replication cannot update or delete them, and duplicates go unnoticed.", table.QualifiedName));
            suggestions.Add(new($"Add a primary key to {table.QualifiedName}", "Every table needs a stable row identity.", "medium"));
        }
        if (withoutKey.Count > 0) debt.Add(($"{withoutKey.Count} tables without a primary key", Math.Min(40, 10 * withoutKey.Count)));

        var duplicates = schema.Tables.SelectMany(t => t.Indexes.Where(i => !i.Partial).GroupBy(i => string.Join(",", i.Columns)).Where(g => g.Count() > 1)
            .Select(g => (Table: t, Indexes: g.ToList()))).ToList();
        foreach (var (table, indexes) in duplicates)
            findings.Add(new("indexes", "low", $"Duplicate indexes on {table.QualifiedName}", $"{string.Join(", ", indexes.Select(i => i.Name))} index the same columns.", table.QualifiedName));
        if (duplicates.Count > 0) debt.Add(($"{duplicates.Count} sets of duplicate indexes", Math.Min(10, 2 * duplicates.Count)));

        if (schema.Superuser)
        {
            findings.Add(new("security", "high", "The connection's role is a superuser",
                $"Role {schema.CurrentUser} bypasses every permission; an app or a scanner should connect with a role that can do only what it needs."));
            suggestions.Add(new("Connect with a least-privilege role instead of a superuser", "A superuser connection turns any SQL injection into full control.", "high"));
            security.Add(("superuser connection", 25));
        }
        if (schema.PublicCanCreate)
        {
            findings.Add(new("security", "medium", "Everyone may create objects in schema public", "PUBLIC holds CREATE on public (the default before PostgreSQL 15)."));
            suggestions.Add(new("REVOKE CREATE ON SCHEMA public FROM PUBLIC;", "Any role can otherwise plant objects other roles' queries may resolve to.", "medium"));
            security.Add(("PUBLIC may CREATE in schema public", 10));
        }
        if (schema.Encrypted == false && !local)
        {
            findings.Add(new("security", "medium", "The connection is not encrypted", "Queries and results cross the network in clear."));
            security.Add(("unencrypted connection to a remote host", 15));
        }
        var passwordColumns = schema.Tables.SelectMany(t => t.Columns.Where(c => PasswordName().IsMatch(c.Name)).Select(c => $"{t.QualifiedName}.{c.Name}")).ToList();
        foreach (var column in passwordColumns)
            findings.Add(new("security", "high", $"{column} is named like a plain password", "Make sure it stores a salted hash (bcrypt, scrypt, Argon2, PBKDF2), never the password.", column));
        if (passwordColumns.Count > 0) security.Add(("columns named like plain passwords", Math.Min(30, 15 * passwordColumns.Count)));
        if (schema.Truncated) findings.Add(new("scan", "info", "Not every table was read", $"Only the first {schema.Tables.Count} tables (by schema and name) were read."));

        var relationships = schema.Tables.Sum(t => t.ForeignKeys.Count);
        findings.Add(new("schema", "info", "Schema read",
            $"{schema.Schemas.Count} schemas, {schema.Tables.Count} tables, {relationships} foreign keys, {schema.Tables.Sum(t => t.Indexes.Count)} indexes."));

        var scores = Score(security, debt);
        var measurements = new JsonObject
        {
            ["target"] = target.Display,
            ["elapsed_ms"] = Math.Round(elapsed.TotalMilliseconds, 1),
            ["schemas"] = schema.Schemas.Count,
            ["tables"] = schema.Tables.Count,
            ["columns"] = schema.Tables.Sum(t => t.Columns.Count),
            ["foreign_keys"] = relationships,
            ["indexes"] = schema.Tables.Sum(t => t.Indexes.Count),
            ["foreign_keys_without_index"] = missing.Count,
            ["tables_without_primary_key"] = withoutKey.Count,
            ["estimated_rows"] = schema.Tables.Sum(t => t.RowEstimate ?? 0),
            ["size_bytes"] = schema.SizeBytes,
            ["truncated"] = schema.Truncated,
        };
        var techStack = new JsonObject { ["database"] = $"PostgreSQL {schema.ServerVersion}" };
        return new ScanResult(findings, techStack, measurements, DatabaseEntities.From(schema.Tables), suggestions, scores,
            DatabaseReport.Markdown(target, schema, missing, findings, scores, elapsed));
    }

    static ScanScores Score(List<(string Reason, int Points)> security, List<(string Reason, int Points)> debt) =>
        ScanScores.FromDeductions(security, debt,
            "Tech debt loses 5 per foreign key without an index (at most 30), " +
            "10 per table without a primary key (at most 40) and 2 per set of duplicate indexes (at most 10); security loses 25 for a superuser " +
            "connection, 10 when PUBLIC may create in schema public, 15 for an unencrypted remote connection and 15 per password-named column (at most 30).");

    /// <summary>A name as a SQL identifier, quoted only when it has to be.</summary>
    public static string Identifier(string name) => PlainIdentifier().IsMatch(name) ? name : $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PlainIdentifier();

    [GeneratedRegex(@"^(password|passwd|pwd|pass|user_password)$", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordName();
}
