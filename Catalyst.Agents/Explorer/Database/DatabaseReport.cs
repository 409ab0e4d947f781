using System.Text;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>The database section of report.md. It names the target by host, port and database only.</summary>
public static class DatabaseReport
{
    public static string Markdown(DatabaseTarget target, DatabaseSchema schema, IReadOnlyList<MissingIndex> missing,
        IReadOnlyList<ScanFinding> findings, ScanScores scores, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Database: {target.Display}").AppendLine();
        md.AppendLine($"- PostgreSQL {schema.ServerVersion}, {schema.SizeBytes / 1024.0 / 1024.0:0.0} MB, read in one read-only transaction in {elapsed.TotalSeconds:0.00} s.");
        md.AppendLine($"- Schemas: {string.Join(", ", schema.Schemas)}.");
        md.AppendLine($"- {schema.Tables.Count} tables{(schema.Truncated ? " (truncated)" : "")}, {schema.Tables.Sum(t => t.ForeignKeys.Count)} foreign keys, " +
                      $"{schema.Tables.Sum(t => t.Indexes.Count)} indexes.").AppendLine();

        md.AppendLine("### Tables").AppendLine().AppendLine("| Table | Rows (estimate) | Columns | Primary key | Indexes |").AppendLine("|---|---|---|---|---|");
        foreach (var t in schema.Tables)
            md.AppendLine($"| {t.QualifiedName} | {(t.RowEstimate is { } rows ? rows.ToString("N0") : "not analysed")} | {t.Columns.Count} | " +
                          $"{(t.PrimaryKey.Count == 0 ? "**none**" : string.Join(", ", t.PrimaryKey))} | {t.Indexes.Count} |");
        md.AppendLine();

        md.AppendLine("### Relationships").AppendLine();
        var keys = schema.Tables.SelectMany(t => t.ForeignKeys.Select(k => (Table: t, Key: k))).ToList();
        if (keys.Count == 0) md.AppendLine("No foreign keys.");
        foreach (var (table, key) in keys)
            md.AppendLine($"- {table.QualifiedName}({string.Join(", ", key.Columns)}) → {key.ReferencedSchema}.{key.ReferencedTable}({string.Join(", ", key.ReferencedColumns)})" +
                          (missing.Any(m => m.ForeignKey == key) ? " **no index**" : ""));
        md.AppendLine();

        if (missing.Count > 0)
        {
            md.AppendLine("### Suggested indexes").AppendLine().AppendLine("```sql");
            foreach (var gap in missing) md.AppendLine(gap.CreateIndex);
            md.AppendLine("```").AppendLine();
        }

        md.AppendLine("### Findings").AppendLine();
        foreach (var f in findings.OrderBy(f => Array.IndexOf<string>(["critical", "high", "medium", "low", "info"], f.Severity)))
            md.AppendLine($"- **{f.Severity}** {f.Title}: {f.Detail}");
        md.AppendLine().AppendLine($"Security score {scores.Security}/100, tech-debt score {scores.TechDebt}/100. {scores.HowComputed}");
        return md.ToString();
    }
}
