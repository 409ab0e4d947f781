using System.Text.Json;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>The database scan's own files under explorer/{scan-id}/: schema.json, relationships.json and suggested-indexes.sql.</summary>
public static class DatabaseFiles
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task WriteAsync(string directory, DatabaseTarget target, DatabaseSchema schema, IReadOnlyList<MissingIndex> missing, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await WriteAsync(Path.Combine(directory, "schema.json"), new { Target = target.Display, schema.ServerVersion, schema.Schemas, schema.Truncated, schema.Tables }, ct);
        await WriteAsync(Path.Combine(directory, "relationships.json"), schema.Tables.SelectMany(t => t.ForeignKeys.Select(k => new
        {
            From = t.QualifiedName,
            k.Columns,
            To = $"{k.ReferencedSchema}.{k.ReferencedTable}",
            k.ReferencedColumns,
            k.Name,
            k.Definition,
            Indexed = !missing.Any(m => m.ForeignKey == k),
        })), ct);
        await File.WriteAllLinesAsync(Path.Combine(directory, "suggested-indexes.sql"),
            ["-- Foreign keys without an index, as found by the Explorer's database scan.", .. missing.Select(m => m.CreateIndex)], ct);
    }

    static async Task WriteAsync<T>(string path, T value, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, value, Json, ct);
    }
}
