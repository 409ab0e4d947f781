using Npgsql;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>Reads schemas, tables, columns, keys and indexes from pg_catalog: a handful of set-based queries, not one per table.</summary>
internal static class CatalogReader
{
    // User schemas only: not the catalog, information_schema, TOAST or temporary schemas.
    const string UserSchema = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    public static async Task<DatabaseSchema> ReadAsync(ReadOnlySession session, int maxTables, CancellationToken ct)
    {
        var (version, user, superuser, publicCreate, encrypted, size) = await ServerAsync(session, ct);
        var schemas = await ListAsync(session, $"SELECT n.nspname FROM pg_namespace n WHERE {UserSchema} ORDER BY 1", r => r.GetString(0), ct);

        var tables = await ListAsync(session, $"""
            SELECT c.oid, n.nspname, c.relname, c.reltuples::float8, pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND {UserSchema}
            ORDER BY n.nspname, c.relname LIMIT {maxTables + 1}
            """, r => (Oid: r.GetFieldValue<uint>(0), Schema: r.GetString(1), Name: r.GetString(2), Rows: r.GetDouble(3), Size: r.GetInt64(4)), ct);
        var truncated = tables.Count > maxTables;
        if (truncated) tables.RemoveAt(tables.Count - 1);
        var oids = tables.Select(t => t.Oid).ToArray();

        var columns = (await ListAsync(session, """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), coalesce(et.typname, t.typname), et.oid IS NOT NULL,
                   a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '',
                   ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = coalesce(et.oid, t.oid) ORDER BY e.enumsortorder)
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
            WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """, r => (Table: r.GetFieldValue<uint>(0), Column: new ColumnInfo(r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4),
                r.GetBoolean(5), r.GetBoolean(6), r.GetFieldValue<string[]>(7))), ct, oids)).ToLookup(c => c.Table, c => c.Column);

        var constraints = (await ListAsync(session, """
            SELECT con.conrelid, con.conname, con.contype::text, fn.nspname, fc.relname, pg_get_constraintdef(con.oid),
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos)
            FROM pg_constraint con
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.conrelid = ANY($1) AND con.contype IN ('p', 'f')
            ORDER BY con.conrelid, con.conname
            """, r => (Table: r.GetFieldValue<uint>(0), Name: r.GetString(1), Kind: r.GetString(2), RefSchema: r.IsDBNull(3) ? "" : r.GetString(3),
                RefTable: r.IsDBNull(4) ? "" : r.GetString(4), Definition: r.GetString(5), Columns: r.GetFieldValue<string[]>(6), RefColumns: r.GetFieldValue<string[]>(7)),
            ct, oids)).ToLookup(c => c.Table);

        var indexes = (await ListAsync(session, """
            SELECT i.indrelid, ic.relname, i.indisunique, i.indisprimary, i.indpred IS NOT NULL, pg_get_indexdef(i.indexrelid),
                   ARRAY(SELECT coalesce(a.attname::text, '(expression)') FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, pos)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
                         WHERE k.pos <= i.indnkeyatts ORDER BY k.pos)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid = ANY($1)
            ORDER BY i.indrelid, ic.relname
            """, r => (Table: r.GetFieldValue<uint>(0), Index: new IndexInfo(r.GetString(1), r.GetFieldValue<string[]>(6), r.GetBoolean(2), r.GetBoolean(3),
                r.GetBoolean(4), r.GetString(5))), ct, oids)).ToLookup(i => i.Table, i => i.Index);

        var infos = tables.Select(t => new TableInfo(
            t.Schema, t.Name, t.Rows < 0 ? null : (long)t.Rows, t.Size,
            [.. columns[t.Oid]],
            constraints[t.Oid].FirstOrDefault(c => c.Kind == "p").Columns ?? [],
            [.. constraints[t.Oid].Where(c => c.Kind == "f").Select(c => new ForeignKeyInfo(c.Name, c.Columns, c.RefSchema, c.RefTable, c.RefColumns, c.Definition))],
            [.. indexes[t.Oid]])).ToList();
        return new DatabaseSchema(version, user, superuser, publicCreate, encrypted, size, schemas, infos, truncated);
    }

    static async Task<(string, string, bool, bool, bool?, long)> ServerAsync(ReadOnlySession session, CancellationToken ct)
    {
        await using var command = session.Command("""
            SELECT current_setting('server_version'), current_user::text, r.rolsuper,
                   CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN has_schema_privilege('public', 'public', 'CREATE') ELSE false END,
                   (SELECT s.ssl FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()),
                   pg_database_size(current_database())
            FROM pg_roles r WHERE r.rolname = current_user
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetBoolean(4), reader.GetInt64(5));
    }

    static async Task<List<T>> ListAsync<T>(ReadOnlySession session, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, uint[]? oids = null)
    {
        await using var command = session.Command(sql);
        if (oids is not null) command.Parameters.Add(new NpgsqlParameter { Value = oids, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<T>();
        while (await reader.ReadAsync(ct)) items.Add(read(reader));
        return items;
    }
}
