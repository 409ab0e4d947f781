using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>Quizzes: multiple-choice questions whose answers stay on the server until the quiz is submitted and scored.</summary>
static class DotnetQuizApp
{
    public static IReadOnlyList<GeneratedFile> Source(AppSpec spec)
    {
        var dir = AppLayout.ProjectDirectory(spec);
        var id = spec.Identifier;
        return
        [
            new($"{dir}/Models/QuizRecord.cs", $$"""
                using {{id}}.Data;

                namespace {{id}}.Models;

                /// <summary>A question, its choices and the index of the correct one.</summary>
                public sealed record QuizQuestion(string Text, List<string> Choices, int Answer);

                public sealed record QuizRecord : IRecord
                {
                    public Guid Id { get; init; }
                    public string Title { get; init; } = "";
                    public List<QuizQuestion> Questions { get; init; } = [];
                    public DateTimeOffset CreatedAt { get; init; }

                    /// <summary>What a quiz taker sees: the questions and their choices, never the answers.</summary>
                    public object View() => new
                    {
                        id = Id, title = Title, createdAt = CreatedAt,
                        questions = Questions.Select(q => new { text = q.Text, choices = q.Choices }).ToList(),
                    };

                    public object Summary() => new { id = Id, title = Title, questionCount = Questions.Count, createdAt = CreatedAt };

                    /// <summary>True when there is one answer per question, each the index of one of its choices.</summary>
                    public bool Fits(IReadOnlyList<int?> answers) =>
                        answers.Count == Questions.Count && answers.Select((a, i) => a >= 0 && a < Questions[i].Choices.Count).All(fits => fits);

                    /// <summary>The score, and only now the correct answers.</summary>
                    public object Score(IReadOnlyList<int> answers)
                    {
                        var results = Questions.Select((q, i) => new { chosen = answers[i], answer = q.Answer, correct = answers[i] == q.Answer }).ToList();
                        var score = results.Count(r => r.correct);
                        var percent = Math.Round(score * 100.0 / Questions.Count, 1, MidpointRounding.AwayFromZero);
                        return new { score, total = Questions.Count, percent, results };
                    }
                }

                """),
            new($"{dir}/Endpoints/QuizEndpoints.cs", $$"""
                using {{id}}.Data;
                using {{id}}.Models;

                namespace {{id}}.Endpoints;

                public sealed record NewQuestion(string? Text, List<string?>? Choices, int? Answer);

                public sealed record NewQuiz(string? Title, List<NewQuestion?>? Questions);

                public sealed record Submission(List<int?>? Answers);

                /// <summary>{{spec.Description}}</summary>
                public static class QuizEndpoints
                {
                    const int MaxQuestions = 50;
                    const int MaxChoices = 6;

                    public static IEndpointRouteBuilder MapQuizEndpoints(this IEndpointRouteBuilder app)
                    {
                        var quizzes = app.MapGroup("/api/quizzes");
                        quizzes.MapGet("/", (JsonStore<QuizRecord> store) => Results.Ok(store.All().OrderBy(q => q.CreatedAt).Select(q => q.Summary()).ToList()));
                        quizzes.MapPost("/", Create);
                        quizzes.MapGet("/{id:guid}", (Guid id, JsonStore<QuizRecord> store) => store.Find(id) is { } quiz ? Results.Ok(quiz.View()) : NotFound(id));
                        quizzes.MapDelete("/{id:guid}", (Guid id, JsonStore<QuizRecord> store) => store.Remove(id) ? Results.NoContent() : NotFound(id));
                        quizzes.MapPost("/{id:guid}/submissions", Submit);
                        return app;
                    }

                    static IResult Create(NewQuiz input, JsonStore<QuizRecord> store)
                    {
                        var errors = new Dictionary<string, string[]>();
                        var title = input.Title?.Trim() ?? "";
                        if (title.Length is 0 or > 200) errors["title"] = ["title is required and at most 200 characters."];
                        var questions = input.Questions ?? [];
                        if (questions.Count is 0 or > MaxQuestions) errors["questions"] = [$"A quiz needs 1 to {MaxQuestions} questions."];
                        var read = questions.Select((q, i) => ReadQuestion(q, $"questions[{i}]", errors)).ToList();
                        if (errors.Count > 0) return Results.ValidationProblem(errors);

                        var quiz = new QuizRecord { Id = Guid.NewGuid(), Title = title, Questions = [.. read.OfType<QuizQuestion>()], CreatedAt = DateTimeOffset.UtcNow };
                        store.Add(quiz);
                        return Results.Created($"/api/quizzes/{quiz.Id}", quiz.View());
                    }

                    /// <summary>The question, or null with its errors under "questions[i].text", ".choices" or ".answer".</summary>
                    static QuizQuestion? ReadQuestion(NewQuestion? input, string key, Dictionary<string, string[]> errors)
                    {
                        var text = input?.Text?.Trim() ?? "";
                        var choices = input?.Choices?.Select(c => c?.Trim() ?? "").ToList() ?? [];
                        var problems = Problems(text, choices, input?.Answer).ToList();
                        foreach (var (field, message) in problems) errors[$"{key}.{field}"] = [message];
                        return problems.Count == 0 ? new QuizQuestion(text, choices, input!.Answer!.Value) : null;
                    }

                    static IEnumerable<(string Field, string Message)> Problems(string text, List<string> choices, int? answer)
                    {
                        if (text.Length is 0 or > 500) yield return ("text", "Every question needs a text of at most 500 characters.");
                        if (choices.Count is < 2 or > MaxChoices || choices.Any(c => c.Length is 0 or > 200))
                            yield return ("choices", $"Every question needs 2 to {MaxChoices} choices of at most 200 characters.");
                        else if (!(answer >= 0 && answer < choices.Count))
                            yield return ("answer", "answer must be the index of one of the choices (0 is the first).");
                    }

                    static IResult Submit(Guid id, Submission submission, JsonStore<QuizRecord> store)
                    {
                        if (store.Find(id) is not { } quiz) return NotFound(id);
                        var answers = submission.Answers ?? [];
                        if (!quiz.Fits(answers))
                            return Results.ValidationProblem(new Dictionary<string, string[]>
                            {
                                ["answers"] = [$"Give one answer per question ({quiz.Questions.Count}), each the index of one of its choices."],
                            });
                        return Results.Ok(quiz.Score([.. answers.Select(a => a!.Value)]));
                    }

                    static IResult NotFound(Guid id) =>
                        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no quiz {id}.");
                }

                """),
        ];
    }

    public static GeneratedFile Tests(AppSpec spec) => new($"{AppLayout.TestDirectory(spec)}/QuizTests.cs", $$"""
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        namespace {{spec.Identifier}}.Tests;

        public sealed class QuizTests
        {
            static JsonObject Question(string text, int choiceCount, int answer) => new()
            {
                ["text"] = text,
                ["choices"] = new JsonArray([.. Enumerable.Range(1, choiceCount).Select(i => (JsonNode)$"Choice {i}")]),
                ["answer"] = answer,
            };

            static async Task<string> CreateQuizAsync(HttpClient client)
            {
                var quiz = new JsonObject { ["title"] = "Capitals", ["questions"] = new JsonArray(Question("One", 3, 1), Question("Two", 3, 2), Question("Three", 4, 2)) };
                var created = await client.PostAsJsonAsync("/api/quizzes", quiz);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                return $"/api/quizzes/{(string)(await created.ReadJsonAsync())["id"]!}";
            }

            [Fact]
            public async Task Reading_a_quiz_never_shows_its_answers()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var quiz = await CreateQuizAsync(client);
                var read = await client.GetStringAsync(quiz);
                Assert.DoesNotContain("answer", read, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(3, JsonNode.Parse(read)!["questions"]!.AsArray().Count);
                var listed = Assert.Single(await (await client.GetAsync("/api/quizzes")).ReadArrayAsync());
                Assert.Equal(3, (int)listed!["questionCount"]!);
            }

            [Fact]
            public async Task Submitting_answers_gives_the_score_and_the_correct_answers()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var quiz = await CreateQuizAsync(client);
                var response = await client.PostAsJsonAsync($"{quiz}/submissions", new { answers = new[] { 1, 0, 2 } });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var score = await response.ReadJsonAsync();
                Assert.Equal((2, 3, 66.7), ((int)score["score"]!, (int)score["total"]!, (double)score["percent"]!));
                var second = score["results"]![1]!;
                Assert.Equal((false, 0, 2), ((bool)second["correct"]!, (int)second["chosen"]!, (int)second["answer"]!));
            }

            [Fact]
            public async Task Answers_of_the_wrong_number_or_out_of_range_are_refused()
            {
                await using var app = new TestApp();
                var client = app.CreateClient();
                var quiz = await CreateQuizAsync(client);
                foreach (var answers in new[] { new[] { 1, 0 }, new[] { 1, 0, 9 }, new[] { -1, 0, 0 } })
                {
                    var response = await client.PostAsJsonAsync($"{quiz}/submissions", new { answers });
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    Assert.NotNull((await response.ReadJsonAsync())["errors"]!["answers"]);
                }
                Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/quizzes/{Guid.NewGuid()}/submissions", new { answers = new[] { 0 } })).StatusCode);
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(quiz)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(quiz)).StatusCode);
            }

            [Theory]
            [InlineData("", 2, 0, "title")]
            [InlineData("Capitals", 1, 0, "questions[0].choices")]
            [InlineData("Capitals", 7, 0, "questions[0].choices")]
            [InlineData("Capitals", 2, 2, "questions[0].answer")]
            public async Task Bad_quizzes_are_refused(string title, int choiceCount, int answer, string field)
            {
                await using var app = new TestApp();
                var quiz = new JsonObject { ["title"] = title, ["questions"] = new JsonArray(Question("One", choiceCount, answer)) };
                var response = await app.CreateClient().PostAsJsonAsync("/api/quizzes", quiz);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
            }

            [Fact]
            public async Task A_quiz_needs_questions()
            {
                await using var app = new TestApp();
                var response = await app.CreateClient().PostAsJsonAsync("/api/quizzes", new { title = "Empty", questions = Array.Empty<object>() });
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull((await response.ReadJsonAsync())["errors"]!["questions"]);
            }
        }

        """);
}
