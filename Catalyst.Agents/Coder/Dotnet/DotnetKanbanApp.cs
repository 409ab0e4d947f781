using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>A kanban board: To do, Doing and Done columns of cards that can be added, moved, reordered and deleted.</summary>
static class DotnetKanbanApp
{
    static string Columns => string.Join(", ", ArchetypeCatalog.KanbanColumns.Select(c => $"(\"{c.Id}\", \"{c.Name}\")"));

    public static IReadOnlyList<GeneratedFile> Source(AppSpec spec)
    {
        var dir = AppLayout.ProjectDirectory(spec);
        var id = spec.Identifier;
        return
        [
            new($"{dir}/Models/KanbanCard.cs", $$"""
                using {{id}}.Data;

                namespace {{id}}.Models;

                /// <summary>A card on the board: its column and its position in that column (0 is the top).</summary>
                public sealed record KanbanCard : IRecord
                {
                    public static readonly (string Id, string Name)[] Columns = [{{Columns}}];

                    public Guid Id { get; init; }
                    public string Title { get; init; } = "";
                    public string? Description { get; init; }
                    public string ColumnId { get; init; } = "todo";
                    public int Position { get; init; }
                    public DateTimeOffset CreatedAt { get; init; }

                    public static bool IsColumn(string? id) => Columns.Any(c => c.Id == id);

                    public object View() => new { id = Id, title = Title, description = Description, columnId = ColumnId, position = Position, createdAt = CreatedAt };
                }

                """),
            new($"{dir}/Endpoints/KanbanEndpoints.cs", $$"""
                using {{id}}.Data;
                using {{id}}.Models;

                namespace {{id}}.Endpoints;

                public sealed record NewCard(string? Title, string? Description, string? ColumnId);

                public sealed record CardMove(string? ColumnId, int? Position);

                /// <summary>{{spec.Description}}</summary>
                public static class KanbanEndpoints
                {
                    /// <summary>Adding, moving and deleting renumber the cards of a column: one change at a time.</summary>
                    static readonly Lock Gate = new();

                    static readonly string ColumnMessage = $"columnId must be one of {string.Join(", ", KanbanCard.Columns.Select(c => c.Id))}.";

                    public static IEndpointRouteBuilder MapKanbanEndpoints(this IEndpointRouteBuilder app)
                    {
                        app.MapGet("/api/board", (JsonStore<KanbanCard> cards) => Results.Ok(new
                        {
                            columns = KanbanCard.Columns.Select(c => new { id = c.Id, name = c.Name, cards = InColumn(cards, c.Id).Select(card => card.View()).ToList() }).ToList(),
                        }));
                        var group = app.MapGroup("/api/cards");
                        group.MapPost("/", Create);
                        group.MapPost("/{id:guid}/move", Move);
                        group.MapDelete("/{id:guid}", Delete);
                        return app;
                    }

                    static List<KanbanCard> InColumn(JsonStore<KanbanCard> cards, string columnId) =>
                        [.. cards.All().Where(c => c.ColumnId == columnId).OrderBy(c => c.Position)];

                    static void Renumber(JsonStore<KanbanCard> cards, List<KanbanCard> column)
                    {
                        for (var position = 0; position < column.Count; position++) cards.Replace(column[position] with { Position = position });
                    }

                    static IResult Create(NewCard input, JsonStore<KanbanCard> cards)
                    {
                        var errors = new Dictionary<string, string[]>();
                        var title = input.Title?.Trim() ?? "";
                        if (title.Length is 0 or > 200) errors["title"] = ["title is required and at most 200 characters."];
                        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
                        if (description is { Length: > 2000 }) errors["description"] = ["description must be at most 2000 characters."];
                        var column = string.IsNullOrWhiteSpace(input.ColumnId) ? KanbanCard.Columns[0].Id : input.ColumnId.Trim();
                        if (!KanbanCard.IsColumn(column)) errors["columnId"] = [ColumnMessage];
                        if (errors.Count > 0) return Results.ValidationProblem(errors);

                        lock (Gate)
                        {
                            var card = new KanbanCard
                            {
                                Id = Guid.NewGuid(), Title = title, Description = description, ColumnId = column,
                                Position = InColumn(cards, column).Count, CreatedAt = DateTimeOffset.UtcNow,
                            };
                            cards.Add(card);
                            return Results.Created($"/api/cards/{card.Id}", card.View());
                        }
                    }

                    /// <summary>Moves a card to a column and a position in it (past the end: last), closing the gap it leaves.</summary>
                    static IResult Move(Guid id, CardMove move, JsonStore<KanbanCard> cards)
                    {
                        var errors = new Dictionary<string, string[]>();
                        if (!KanbanCard.IsColumn(move.ColumnId)) errors["columnId"] = [ColumnMessage];
                        if (move.Position < 0) errors["position"] = ["position must be 0 or more."];
                        lock (Gate)
                        {
                            if (cards.Find(id) is not { } card) return NotFound(id);
                            if (errors.Count > 0) return Results.ValidationProblem(errors);
                            var target = InColumn(cards, move.ColumnId!).Where(c => c.Id != id).ToList();
                            target.Insert(Math.Min(move.Position ?? target.Count, target.Count), card with { ColumnId = move.ColumnId! });
                            Renumber(cards, target);
                            if (card.ColumnId != move.ColumnId) Renumber(cards, InColumn(cards, card.ColumnId));
                            return Results.Ok(cards.Find(id)!.View());
                        }
                    }

                    static IResult Delete(Guid id, JsonStore<KanbanCard> cards)
                    {
                        lock (Gate)
                        {
                            if (cards.Find(id) is not { } card) return NotFound(id);
                            cards.Remove(id);
                            Renumber(cards, InColumn(cards, card.ColumnId));
                            return Results.NoContent();
                        }
                    }

                    static IResult NotFound(Guid id) =>
                        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no card {id}.");
                }

                """),
        ];
    }

    public static GeneratedFile Tests(AppSpec spec) => new($"{AppLayout.TestDirectory(spec)}/KanbanTests.cs", $$"""
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        namespace {{spec.Identifier}}.Tests;

        public sealed class KanbanTests
        {
            static async Task<string> AddAsync(HttpClient client, string title, string? columnId = null)
            {
                var created = await client.PostAsJsonAsync("/api/cards", new { title, description = $"About {title}", columnId });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                return (string)(await created.ReadJsonAsync())["id"]!;
            }

            /// <summary>The titles of the cards in each column, top to bottom: "todo: A, B | doing: C | done: ".</summary>
            static async Task<string> BoardAsync(HttpClient client)
            {
                var board = await (await client.GetAsync("/api/board")).ReadJsonAsync();
                return string.Join(" | ", board["columns"]!.AsArray().Select(c =>
                    $"{c!["id"]}: {string.Join(", ", c["cards"]!.AsArray().Select(card => $"{card!["title"]}{card["position"]}"))}"));
            }

            static Task<HttpResponseMessage> MoveAsync(HttpClient client, string id, string columnId, int? position = null) =>
                client.PostAsJsonAsync($"/api/cards/{id}/move", new { columnId, position });

            [Fact]
            public async Task The_board_starts_with_to_do_doing_and_done()
            {
                await using var app = new TestApp();
                var board = await (await app.CreateClient().GetAsync("/api/board")).ReadJsonAsync();
                Assert.Equal(new[] { "To do", "Doing", "Done" }, board["columns"]!.AsArray().Select(c => (string)c!["name"]!));
                Assert.All(board["columns"]!.AsArray(), c => Assert.Empty(c!["cards"]!.AsArray()));
            }

            [Fact]
            public async Task Cards_are_added_at_the_bottom_of_their_column()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                await AddAsync(client, "A");
                await AddAsync(client, "B", "todo");
                await AddAsync(client, "C", "doing");
                Assert.Equal("todo: A0, B1 | doing: C0 | done: ", await BoardAsync(client));
            }

            [Fact]
            public async Task A_card_moves_to_another_column_and_position_and_leaves_no_gap()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                await AddAsync(client, "A");
                var b = await AddAsync(client, "B");
                await AddAsync(client, "C");
                await AddAsync(client, "D", "doing");
                var moved = await MoveAsync(client, b, "doing", 0);
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
                var card = await moved.ReadJsonAsync();
                Assert.Equal(("doing", 0), ((string)card["columnId"]!, (int)card["position"]!));
                Assert.Equal("todo: A0, C1 | doing: B0, D1 | done: ", await BoardAsync(client));
            }

            [Fact]
            public async Task A_card_is_reordered_within_its_column()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                await AddAsync(client, "A");
                await AddAsync(client, "B");
                var c = await AddAsync(client, "C");
                await MoveAsync(client, c, "todo", 0);
                Assert.Equal("todo: C0, A1, B2 | doing:  | done: ", await BoardAsync(client));
                await MoveAsync(client, c, "todo", 99);
                Assert.Equal("todo: A0, B1, C2 | doing:  | done: ", await BoardAsync(client));
            }

            [Fact]
            public async Task Deleting_a_card_closes_the_gap()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var a = await AddAsync(client, "A");
                await AddAsync(client, "B");
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/cards/{a}")).StatusCode);
                Assert.Equal("todo: B0 | doing:  | done: ", await BoardAsync(client));
                Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/cards/{a}")).StatusCode);
            }

            [Theory]
            [InlineData("", "todo", "title")]
            [InlineData("Write", "later", "columnId")]
            public async Task Bad_cards_are_refused(string title, string columnId, string field)
            {
                await using var app = new TestApp();
                var response = await app.CreateClient().PostAsJsonAsync("/api/cards", new JsonObject { ["title"] = title, ["columnId"] = columnId });
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
            }

            [Fact]
            public async Task Moves_to_an_unknown_column_or_position_or_of_an_unknown_card_are_refused()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var a = await AddAsync(client, "A");
                Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(client, a, "later")).StatusCode);
                Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(client, a, "done", -1)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await MoveAsync(client, Guid.NewGuid().ToString(), "done")).StatusCode);
            }
        }

        """);
}
