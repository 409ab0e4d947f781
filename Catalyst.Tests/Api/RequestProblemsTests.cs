using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalyst.Tests.Api;

/// <summary>
/// What a caller is told when the request itself is wrong: a 400 problem+json whose detail a person can act on,
/// naming the field as they wrote it, never a .NET type or parameter; and nothing reaches the database.
/// </summary>
public sealed class RequestProblemsTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly string Task = Guid.NewGuid().ToString();

    public static TheoryData<string, string, string, string?> Bodies => new()
    {
        // A NUL (U+0000) anywhere in the text a request would store.
        { "/api/tasks", """{"prompt":"build a todo app\u0000"}""", "The field \"prompt\" contains a NUL character", "prompt" },
        { "/api/tasks", """{"prompt":"build it","project_name":"To\u0000do"}""", "The field \"project_name\" contains a NUL character", "project_name" },
        { "/api/chat", """{"message":"hello\u0000"}""", "The field \"message\" contains a NUL character", "message" },
        { $"/api/tasks/{Task}/plan/approve", """{"spec":{"entities":[{"name":"Re\u0000cipe"}]}}""", "The field \"spec.entities[0].name\" contains a NUL character", "spec.entities[0].name" },
        { $"/api/tasks/{Task}/plan/reject", """{"reason":"\u0000"}""", "The field \"reason\" contains a NUL character", "reason" },
        { "/api/explorer/scan", """{"type":"repository","target":"x","options":{"depth\u0000":"1"}}""", "contains a NUL character", null },
        // Empty and null bodies, and values of the wrong kind.
        { "/api/tasks", "", "The request body is empty; send a JSON object with a \"prompt\".", null },
        { "/api/tasks", "null", "The request body is empty; send a JSON object with a \"prompt\".", null },
        { "/api/chat", "", "The request body is empty; send a JSON object with a \"message\".", null },
        { "/api/tasks", """{"prompt": 42}""", "The field \"prompt\" must be a string.", "prompt" },
        { "/api/tasks", """{"prompt": "x", "approve_plan": "yes"}""", "The field \"approve_plan\" must be true or false.", "approve_plan" },
        { "/api/tasks", """[1, 2, 3]""", "The request body must be a JSON object.", null },
        { "/api/chat", """{"message": "hi", "conversation_id": "not-a-guid"}""", "The field \"conversation_id\" must be a UUID", "conversation_id" },
        { $"/api/tasks/{Task}/plan/approve", "\"approve\"", "The request body must be a JSON object.", null },
        { $"/api/tasks/{Task}/plan/approve", """{"spec": 5}""", "The field \"spec\" must be a JSON object.", "spec" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_body_is_a_400_problem_that_names_the_field_and_stores_nothing(string path, string body, string detail, string? field)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var api = new CatalystApiFactory(connectionString);

        var response = await api.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Contains(detail, (string?)problem["detail"]);
        if (field is not null) Assert.NotNull(problem["errors"]?[field]);
        Assert.DoesNotMatch(@"Catalyst\.|System\.|parameter ""|Implicit body", text);
        foreach (var table in new[] { "tasks", "conversations", "projects" })
            Assert.Equal(0L, await CountAsync(connectionString, table));
    }

    [Fact]
    public async Task A_NUL_that_reaches_PostgreSQL_another_way_is_a_400_problem_not_a_500()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        // Text that did not come from a JSON body (here straight into the database) meets PostgreSQL's own refusal.
        await using var factory = new CatalystApiFactory(connectionString);
        await using var api = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new WritesText(connectionString))));
        using var client = api.CreateClient();

        var text = await client.GetAsync("/test/store?text=a%00b", Ct);
        var json = await client.GetAsync("/test/store-json?text=a", Ct);

        foreach (var response in new[] { text, json })
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("NUL character", (string?)JsonNode.Parse(body)!["detail"]);
            Assert.DoesNotContain("22021", body);
            Assert.DoesNotContain("22P05", body);
        }
    }

    sealed class WritesText(string connectionString) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // The end of the real pipeline: behind its exception handler, reached by paths no endpoint claims.
            app.Run(async context =>
            {
                await using var dataSource = NpgsqlDataSource.Create(connectionString);
                var sql = context.Request.Path == "/test/store-json" ? "SELECT $1::jsonb" : "SELECT $1::text";
                var value = context.Request.Path == "/test/store-json" ? "\"\\u0000\"" : context.Request.Query["text"].ToString();
                await using var command = dataSource.CreateCommand(sql);
                command.Parameters.AddWithValue(value);
                await command.ExecuteScalarAsync(context.RequestAborted);
            });
        };
    }

    /// <summary>The chat page sends its turns in process, not through the JSON reader: the same rule holds there.</summary>
    [Fact]
    public async Task A_nul_in_a_message_the_chat_page_sends_is_refused_with_a_sentence_and_stores_nothing()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var api = new CatalystApiFactory(connectionString);

        var turn = await api.Services.GetRequiredService<Catalyst.Web.Chat.IChatTurns>().SendAsync(null, "build a todo app\0", Ct);

        Assert.Null(turn.ConversationId);
        Assert.Contains("contains a NUL character", turn.Error);
        foreach (var table in new[] { "tasks", "conversations", "projects" })
            Assert.Equal(0L, await CountAsync(connectionString, table));
    }

    static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
