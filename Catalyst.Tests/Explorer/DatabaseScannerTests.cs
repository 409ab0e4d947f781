using System.Diagnostics;
using System.Text.Json;
using Catalyst.Agents.Explorer;
using Catalyst.Agents.Explorer.Database;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Tests.Explorer;

/// <summary>
/// The database scan against a real PostgreSQL: a small library schema with known keys, a planted foreign key
/// without an index and a table without a primary key, read through a role whose password must never show.
/// </summary>
public sealed class DatabaseScannerTests(PostgresServerFixture postgres)
{
    const string Password = "Sc4nner-p4ss-7f3e9b21";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_library_database_reports_its_keys_the_unindexed_foreign_key_and_the_table_without_a_primary_key()
    {
        var (_, scanner) = await CreateLibraryAsync();
        using var output = new TestDirectory("dbscan");
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));

        var clock = Stopwatch.StartNew();
        var result = await Scanner(loggers).ScanAsync(Job(scanner, output.Path), Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"Database scan of 5 tables: {clock.Elapsed.TotalMilliseconds:0} ms (the scanner measured {result.Measurements["elapsed_ms"]} ms)");

        var relationships = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "relationships.json"), Ct)).RootElement;
        Assert.Equal(
            ["library.books(author_id)->library.authors indexed", "library.loans(book_id)->library.books missing", "library.loans(member_id)->library.members indexed"],
            relationships.EnumerateArray().Select(r => $"{r.GetProperty("from").GetString()}({string.Join(",", r.GetProperty("columns").EnumerateArray().Select(c => c.GetString()))})" +
                $"->{r.GetProperty("to").GetString()} {(r.GetProperty("indexed").GetBoolean() ? "indexed" : "missing")}").Order());

        var unindexed = Assert.Single(result.Findings, f => f.Category == "indexes");
        Assert.Contains("loans_book_id_fkey", unindexed.Title);
        Assert.Contains(result.Suggestions, s => s.Title == "CREATE INDEX ix_loans_book_id ON library.loans (book_id);");
        Assert.Equal("library.audit_log", Assert.Single(result.Findings, f => f.Category == "keys").Location);
        Assert.Equal(1, (int)result.Measurements["foreign_keys_without_index"]!);
        Assert.Equal(5, (int)result.Measurements["tables"]!);
        Assert.Equal(3, (int)result.Measurements["foreign_keys"]!);
        Assert.True(result.Scores.TechDebt < 100);
        Assert.Contains("foreign keys without an index (5)", result.Scores.HowComputed);

        var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "schema.json"), Ct)).RootElement;
        var books = schema.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "books");
        Assert.Equal(4, books.GetProperty("row_estimate").GetInt64());
        Assert.Equal(["id"], books.GetProperty("primary_key").EnumerateArray().Select(c => c.GetString()!));
        Assert.Contains(books.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "price" && c.GetProperty("data_type").GetString() == "numeric(10,2)");

        // The entities the Planner would build: singular PascalCase names, references by entity name, types mapped.
        Assert.Equal(["AuditLog", "Author", "Book", "Loan", "Member"], result.Entities.Select(e => e.Name).Order());
        var book = result.Entities.Single(e => e.Name == "Book");
        Assert.Equal(new DiscoveredField("AuthorId", FieldType.Reference, true, "Author"), book.Fields.Single(f => f.Name == "AuthorId"));
        Assert.Equal(FieldType.Money, book.Fields.Single(f => f.Name == "Price").Type);
        Assert.Equal(FieldType.StringList, book.Fields.Single(f => f.Name == "Tags").Type);
        Assert.DoesNotContain(book.Fields, f => f.Name == "Id");
        var loan = result.Entities.Single(e => e.Name == "Loan");
        Assert.Equal("Member", loan.Fields.Single(f => f.Name == "MemberId").References);
        Assert.Equal(FieldType.Enum, loan.Fields.Single(f => f.Name == "Status").Type);
        Assert.Equal(FieldType.Email, result.Entities.Single(e => e.Name == "Member").Fields.Single(f => f.Name == "Email").Type);

        Assert.Contains("## Database: 127.0.0.1:", result.ReportMarkdown);
        Assert.Contains("CREATE INDEX ix_loans_book_id ON library.loans (book_id);", result.ReportMarkdown);
        Assert.Equal("PostgreSQL", ((string)result.TechStack["database"]!).Split(' ')[0]);

        // The password is nowhere: not in the result, the files, or the log.
        var everything = JsonSerializer.Serialize(result) + string.Concat(Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText))
                         + string.Join("\n", logs.Lines);
        Assert.DoesNotContain(Password, everything);
        Assert.Contains(logs.Lines, l => l.Contains("read 5 tables"));
    }

    [Theory]
    [InlineData("INSERT INTO library.authors (name) VALUES ('Mallory')")]
    [InlineData("CREATE TABLE library.planted (id int)")]
    [InlineData("ROLLBACK; UPDATE library.books SET price = 0")]
    public async Task A_write_through_the_scanners_connection_fails_even_for_a_superuser(string write)
    {
        var (admin, _) = await CreateLibraryAsync();
        var target = DatabaseTarget.Parse(admin, new DatabaseScanOptions(), out _)!;

        await using var session = await ReadOnlySession.OpenAsync(target, new DatabaseScanOptions(), Ct);
        await using var command = session.Command(write);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
        await using var check = new NpgsqlConnection(admin);
        await check.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM library.authors WHERE name = 'Mallory'", check);
        Assert.Equal(0L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_failed_connection_names_host_and_database_but_not_the_password()
    {
        var target = $"Host=127.0.0.1;Port={FreePort.Next()};Database=shop;Username=shop;Password={Password};Timeout=3";
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var output = new TestDirectory("dbscan");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Scanner(loggers).ScanAsync(Job(target, output.Path), Ct));

        Assert.Contains("127.0.0.1:", error.Message);
        Assert.Contains("/shop", error.Message);
        Assert.Null(error.InnerException);
        Assert.DoesNotContain(Password, error.ToString());
        Assert.DoesNotContain(Password, string.Join("\n", logs.Lines));
    }

    [Theory]
    [InlineData("Host=10.1.2.3;Database=shop;Password=" + Password, "10.1.2.3 is not an allowed database host")]
    [InlineData("Host=db.example.com;Database=shop", "db.example.com is not an allowed database host")]
    [InlineData("postgresql://shop:" + Password + "@203.0.113.9:5432/shop", "203.0.113.9 is not an allowed database host")]
    [InlineData("Host=127.0.0.1,10.0.0.8;Database=shop", "10.0.0.8 is not an allowed database host")]
    [InlineData("Server Name Of Nonsense=1;" + Password, "not a PostgreSQL connection string")]
    [InlineData("Host=127.0.0.1", "names no database")]
    public void Malformed_and_non_local_connection_strings_are_refused_without_quoting_them(string target, string reason)
    {
        var refusal = Scanner().Refuse(target, new Dictionary<string, string>());

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
        Assert.DoesNotContain(Password, refusal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Database=shop;Username=shop;Password=x", null)]
    [InlineData("Host=localhost;Database=shop", null)]
    [InlineData("Host=/var/run/postgresql;Database=shop", null)]
    [InlineData("postgresql://shop:x@[::1]:5433/shop?sslmode=disable", null)]
    [InlineData("Host=db.internal;Database=shop", "db.internal")]
    [InlineData("Host=10.0.5.7;Database=shop", "10.0.5.0/24")]
    public void Loopback_local_sockets_and_configured_hosts_are_accepted(string target, string? allowed)
    {
        var options = new DatabaseScanOptions { AllowedHosts = allowed is null ? [] : [allowed] };

        Assert.Null(Scanner(options: options).Refuse(target, new Dictionary<string, string>()));
    }

    [Fact]
    public void Redacting_keeps_host_port_and_database_only()
    {
        Assert.Equal("127.0.0.1:5433/shop", DatabaseTarget.Redact($"Host=127.0.0.1;Port=5433;Database=shop;Username=owner;Password={Password}"));
        Assert.Equal("db:5432/shop", DatabaseTarget.Redact($"postgresql://owner:{Password}@db/shop"));
        Assert.Equal("(a malformed connection string)", DatabaseTarget.Redact($"Nonsense={Password}"));
    }

    static DatabaseScanner Scanner(ILoggerFactory? loggers = null, DatabaseScanOptions? options = null) =>
        new(Options.Create(options ?? new DatabaseScanOptions()), TimeProvider.System, (loggers ?? LoggerFactory.Create(_ => { })).CreateLogger<DatabaseScanner>());

    static ScanJob Job(string target, string output) => new(Guid.NewGuid(), ScanKind.Database, target, new Dictionary<string, string>(), output, _ => { });

    /// <summary>A database with the library schema, and a connection string for a read-only role with a password.</summary>
    async Task<(string Admin, string Scanner)> CreateLibraryAsync()
    {
        var admin = await postgres.CreateDatabaseAsync();
        var role = $"reader_{Guid.NewGuid():N}"[..20];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(Ct);
        await using var create = new NpgsqlCommand($"""
            CREATE SCHEMA library;
            CREATE TYPE library.loan_status AS ENUM ('open', 'returned', 'lost');
            CREATE TABLE library.authors (id serial PRIMARY KEY, name text NOT NULL, email varchar(200));
            CREATE TABLE library.books (id serial PRIMARY KEY, title text NOT NULL, price numeric(10,2), published date,
                                        author_id int NOT NULL REFERENCES library.authors (id), tags text[]);
            CREATE INDEX ix_books_author ON library.books (author_id);
            CREATE TABLE library.members (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, joined_at timestamptz NOT NULL DEFAULT now());
            -- The planted gap: loans.member_id is indexed, loans.book_id is not.
            CREATE TABLE library.loans (id serial PRIMARY KEY, book_id int NOT NULL REFERENCES library.books (id),
                                        member_id bigint NOT NULL REFERENCES library.members (id),
                                        status library.loan_status NOT NULL DEFAULT 'open', due date);
            CREATE INDEX ix_loans_member ON library.loans (member_id);
            CREATE TABLE library.audit_log (happened_at timestamptz NOT NULL, message text);
            INSERT INTO library.authors (name) VALUES ('Le Guin'), ('Pratchett');
            INSERT INTO library.books (title, price, author_id) VALUES ('Earthsea', 9.99, 1), ('The Dispossessed', 12.50, 1), ('Mort', 8, 2), ('Guards! Guards!', 8, 2);
            ANALYZE;
            CREATE ROLE {role} LOGIN PASSWORD '{Password}';
            GRANT USAGE ON SCHEMA library TO {role};
            GRANT SELECT ON ALL TABLES IN SCHEMA library TO {role};
            """, connection);
        await create.ExecuteNonQueryAsync(Ct);
        var scanner = new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = Password }.ConnectionString;
        return (admin, scanner);
    }
}
