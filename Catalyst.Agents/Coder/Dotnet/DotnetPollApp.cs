using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>Polls: a question with 2 to 10 options, votes, and results with counts and percentages.</summary>
static class DotnetPollApp
{
    public static IReadOnlyList<GeneratedFile> Source(AppSpec spec)
    {
        var dir = AppLayout.ProjectDirectory(spec);
        var id = spec.Identifier;
        return
        [
            new($"{dir}/Models/PollRecord.cs", $$"""
                using {{id}}.Data;

                namespace {{id}}.Models;

                public sealed record PollOption(int Id, string Text, int Votes);

                /// <summary>A question and its options, each with the votes it received.</summary>
                public sealed record PollRecord : IRecord
                {
                    public const int MinOptions = 2;
                    public const int MaxOptions = 10;

                    public Guid Id { get; init; }
                    public string Question { get; init; } = "";
                    public List<PollOption> Options { get; init; } = [];
                    public DateTimeOffset CreatedAt { get; init; }

                    public int TotalVotes => Options.Sum(o => o.Votes);

                    public bool HasOption(int optionId) => Options.Any(o => o.Id == optionId);

                    public PollRecord Vote(int optionId) => this with { Options = [.. Options.Select(o => o.Id == optionId ? o with { Votes = o.Votes + 1 } : o)] };

                    /// <summary>The share of the votes, in percent with one decimal; 0 before the first vote.</summary>
                    public double Percent(PollOption option) =>
                        TotalVotes == 0 ? 0 : Math.Round(option.Votes * 100.0 / TotalVotes, 1, MidpointRounding.AwayFromZero);

                    public object View() => new
                    {
                        id = Id, question = Question, totalVotes = TotalVotes, createdAt = CreatedAt,
                        options = Options.Select(o => new { id = o.Id, text = o.Text, votes = o.Votes, percent = Percent(o) }).ToList(),
                    };
                }

                """),
            new($"{dir}/Endpoints/PollEndpoints.cs", $$"""
                using {{id}}.Data;
                using {{id}}.Models;

                namespace {{id}}.Endpoints;

                public sealed record NewPoll(string? Question, List<string?>? Options);

                public sealed record Ballot(int? OptionId);

                /// <summary>{{spec.Description}}</summary>
                public static class PollEndpoints
                {
                    /// <summary>Votes read, change and write a poll: one at a time, so none is lost.</summary>
                    static readonly Lock Gate = new();

                    public static IEndpointRouteBuilder MapPollEndpoints(this IEndpointRouteBuilder app)
                    {
                        var polls = app.MapGroup("/api/polls");
                        polls.MapGet("/", (JsonStore<PollRecord> store) => Results.Ok(store.All().OrderBy(p => p.CreatedAt).Select(p => p.View()).ToList()));
                        polls.MapPost("/", Create);
                        polls.MapGet("/{id:guid}", (Guid id, JsonStore<PollRecord> store) => store.Find(id) is { } poll ? Results.Ok(poll.View()) : NotFound(id));
                        polls.MapDelete("/{id:guid}", (Guid id, JsonStore<PollRecord> store) => store.Remove(id) ? Results.NoContent() : NotFound(id));
                        polls.MapPost("/{id:guid}/votes", Vote);
                        return app;
                    }

                    static IResult Create(NewPoll input, JsonStore<PollRecord> store)
                    {
                        var errors = new Dictionary<string, string[]>();
                        var question = input.Question?.Trim() ?? "";
                        if (question.Length is 0 or > 200) errors["question"] = ["question is required and at most 200 characters."];
                        var options = input.Options?.Select(o => o?.Trim() ?? "").ToList() ?? [];
                        if (OptionsProblem(options) is { } problem) errors["options"] = [problem];
                        if (errors.Count > 0) return Results.ValidationProblem(errors);

                        var poll = new PollRecord
                        {
                            Id = Guid.NewGuid(), Question = question, CreatedAt = DateTimeOffset.UtcNow,
                            Options = [.. options.Select((text, index) => new PollOption(index + 1, text, 0))],
                        };
                        store.Add(poll);
                        return Results.Created($"/api/polls/{poll.Id}", poll.View());
                    }

                    /// <summary>What is wrong with the options, or null: 2 to 10 distinct texts of 1 to 100 characters.</summary>
                    static string? OptionsProblem(List<string> options) =>
                        options.Count is < PollRecord.MinOptions or > PollRecord.MaxOptions ? $"A poll needs {PollRecord.MinOptions} to {PollRecord.MaxOptions} options."
                        : options.Any(o => o.Length is 0 or > 100) ? "Every option needs a text of at most 100 characters."
                        : options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count ? "The options must differ from each other."
                        : null;

                    static IResult Vote(Guid id, Ballot ballot, JsonStore<PollRecord> store)
                    {
                        lock (Gate)
                        {
                            if (store.Find(id) is not { } poll) return NotFound(id);
                            if (ballot.OptionId is not { } option || !poll.HasOption(option))
                                return Results.ValidationProblem(new Dictionary<string, string[]> { ["optionId"] = ["optionId must be one of the poll's options."] });
                            var voted = poll.Vote(option);
                            store.Replace(voted);
                            return Results.Ok(voted.View());
                        }
                    }

                    static IResult NotFound(Guid id) =>
                        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no poll {id}.");
                }

                """),
        ];
    }

    public static GeneratedFile Tests(AppSpec spec) => new($"{AppLayout.TestDirectory(spec)}/PollTests.cs", $$"""
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;
        using {{spec.Identifier}}.Models;

        namespace {{spec.Identifier}}.Tests;

        public sealed class PollTests
        {
            static async Task<string> CreatePollAsync(HttpClient client)
            {
                var created = await client.PostAsJsonAsync("/api/polls", new { question = "Lunch?", options = new[] { "Pizza", "Salad", "Soup" } });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                return $"/api/polls/{(string)(await created.ReadJsonAsync())["id"]!}";
            }

            [Fact]
            public async Task Votes_are_counted_with_their_percentages()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var poll = await CreatePollAsync(client);
                foreach (var option in new[] { 1, 1, 2 })
                    Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{poll}/votes", new { optionId = option })).StatusCode);

                var results = await (await client.GetAsync(poll)).ReadJsonAsync();
                Assert.Equal(3, (int)results["totalVotes"]!);
                var options = results["options"]!.AsArray().Select(o => ((string)o!["text"]!, (int)o["votes"]!, (double)o["percent"]!));
                Assert.Equal(new[] { ("Pizza", 2, 66.7), ("Salad", 1, 33.3), ("Soup", 0, 0.0) }, options);
                Assert.Single(await (await client.GetAsync("/api/polls")).ReadArrayAsync());
            }

            [Fact]
            public async Task An_unknown_option_or_poll_is_refused()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var poll = await CreatePollAsync(client);
                var unknown = await client.PostAsJsonAsync($"{poll}/votes", new { optionId = 9 });
                Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
                Assert.NotNull((await unknown.ReadJsonAsync())["errors"]!["optionId"]);
                Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/polls/{Guid.NewGuid()}/votes", new { optionId = 1 })).StatusCode);
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(poll)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(poll)).StatusCode);
            }

            [Theory]
            [InlineData("", 2, "question")]
            [InlineData("Lunch?", 1, "options")]
            [InlineData("Lunch?", 11, "options")]
            public async Task Bad_polls_are_refused(string question, int optionCount, string field)
            {
                await using var app = new TestApp();
                var options = Enumerable.Range(1, optionCount).Select(i => $"Option {i}").ToArray();
                var response = await app.CreateClient().PostAsJsonAsync("/api/polls", new { question, options });
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
            }

            [Fact]
            public async Task Blank_or_repeated_options_are_refused()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                foreach (var options in new[] { new JsonArray("Yes", " "), new JsonArray("Yes", "yes") })
                    Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/polls", new JsonObject { ["question"] = "Ok?", ["options"] = options })).StatusCode);
            }

            [Fact]
            public void A_poll_without_votes_shows_zero_percent()
            {
                var poll = new PollRecord { Id = Guid.NewGuid(), Question = "Ok?", Options = [new(1, "Yes", 0), new(2, "No", 0)] };
                Assert.All(poll.Options, o => Assert.Equal(0, poll.Percent(o)));
                Assert.Equal(100, poll.Vote(2).Percent(poll.Vote(2).Options[1]));
            }
        }

        """);
}
