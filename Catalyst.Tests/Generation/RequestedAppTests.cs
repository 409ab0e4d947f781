using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

/// <summary>
/// Requests a new user wrote that an earlier Catalyst turned into the wrong app, read by the real request
/// understanding and built, tested and reviewed by the real agents: each must be the app that was asked for,
/// its own tests and the browser check must pass, and the Reviewer must find it conforms to the request.
/// </summary>
public sealed class RequestedAppTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string Crm = "A CRM where customers have a name, a company and an email, and deals have a title, a value and a stage.";
    public const string Flashcards = "A flashcards app for studying: decks have a name, and cards have a front, a back and a deck.";
    public const string Movies = "Make a movie watchlist where each movie has a title, a year, a rating from 1 to 5 and a watched flag.";
    public const string Helpdesk = "Build a small helpdesk where customers open tickets with a subject, a description and a priority, and can mark them closed.";
    public const string Parking = "Build a parking garage tracker that records cars with a plate number, an entry time and an exit time.";
    public const string Countdown = "A countdown timer app.";
    public const string Gym = "A gym workout log: workouts have a date and notes, and each exercise entry has a name, sets, reps and weight.";
    public const string Colours = "A plant care log where plants have a name, a species and a last watered date. Set the background colour to white and the component colour to navy.";

    public static readonly string[] Prompts = [Crm, Flashcards, Movies, Helpdesk, Parking, Countdown, Gym, Colours];

    public static TheoryData<string> Requests => new(Prompts);

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_app_built_is_the_one_asked_for_and_it_is_tested_and_approved(string prompt)
    {
        var app = (await GeneratedApps.GetRequestedAsync(postgres)).For(prompt);
        var spec = AppSpecJson.FromNode(JsonNode.Parse(await GeneratedAppTests.ShowAsync(app, "main", "architecture/data-models.json"))!["app"]!);
        Expect(prompt, spec);

        var results = app.Last("test.results")!;
        Assert.True((bool)results["passed"]!, results.ToJsonString());
        Assert.Equal(await GeneratedAppTests.DeclaredTestsAsync(app), (int)results["total"]!);
        var e2e = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Artifacts, "test-results", "test-summary.json"), Ct))!["browser"]!;
        Assert.True((bool)e2e["passed"]!, e2e.ToJsonString());

        var review = app.Last("review.decision")!;
        Assert.Equal("approved", (string?)review["decision"]);
        var decision = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Artifacts, "review", "review-decision.json"), Ct))!.ToJsonString();
        Assert.DoesNotContain("spec-conformance", decision);

        if (prompt == Colours)
        {
            var verified = e2e["verified"]!.AsArray().Select(v => (string)v!).ToList();
            Assert.Contains("the page background (body) is rgb(255, 255, 255) (#ffffff)", verified);
            Assert.Contains("the primary button is rgb(0, 0, 128) (#000080)", verified);
        }
        if (prompt == Movies)
        {
            // The generated app's own tests send a rating of 6 and expect it refused.
            var tests = await GeneratedAppTests.TestSourcesAsync(app);
            Assert.Contains(tests, source => source.Contains("rating", StringComparison.OrdinalIgnoreCase) && source.Contains('6'));
        }
    }

    static void Expect(string prompt, AppSpec spec)
    {
        switch (prompt)
        {
            case Crm:
                Assert.Equal(["Customer", "Deal"], Names(spec));
                Assert.Equal(FieldType.Money, Field(spec, "Deal", "value").Type);
                Assert.Equal("Customer", Field(spec, "Deal", "customerId").References);
                break;
            case Flashcards:
                Assert.Equal(["Card", "Deck"], Names(spec));
                Assert.Equal(["back", "deckId", "front"], Field(spec, "Card").Select(f => f.JsonName).Order());
                Assert.Equal("Deck", Field(spec, "Card", "deckId").References);
                break;
            case Movies:
                var rating = Field(spec, "Movie", "rating");
                Assert.Equal((FieldType.Integer, 1, 5), (rating.Type, rating.Minimum, rating.Maximum));
                Assert.Equal(FieldType.Boolean, Field(spec, "Movie", "watched").Type);
                break;
            case Helpdesk:
                Assert.Equal(["Ticket"], Names(spec));
                Assert.Equal(["closed", "description", "priority", "subject"], Field(spec, "Ticket").Select(f => f.JsonName).Order());
                Assert.Contains(Field(spec, "Ticket", "closed").Type, new[] { FieldType.Boolean, FieldType.Enum });
                break;
            case Parking:
                Assert.Equal(FieldType.String, Field(spec, "Car", "plateNumber").Type);
                Assert.Equal(FieldType.DateTime, Field(spec, "Car", "entryTime").Type);
                Assert.Equal(FieldType.DateTime, Field(spec, "Car", "exitTime").Type);
                Assert.False(Field(spec, "Car", "exitTime").Required);
                break;
            case Countdown:
                Assert.Equal(AppKind.Timer, spec.Kind);
                break;
            case Gym:
                Assert.Equal(["ExerciseEntry", "Workout"], Names(spec));
                Assert.Equal("Workout", Field(spec, "ExerciseEntry", "workoutId").References);
                Assert.Equal(FieldType.Integer, Field(spec, "ExerciseEntry", "reps").Type);
                break;
            case Colours:
                Assert.Equal(("#ffffff", "#000080"), (spec.Presentation.Background, spec.Presentation.Accent));
                Assert.Equal(FieldType.Date, Field(spec, "Plant", "lastWateredDate").Type);
                break;
        }
        Assert.Empty(spec.Limitations);
    }

    static string[] Names(AppSpec spec) => [.. spec.Entities.Select(e => e.Name).Order()];

    static List<FieldSpec> Field(AppSpec spec, string entity) =>
        (spec.Entity(entity) ?? throw new Xunit.Sdk.XunitException($"No {entity} among {string.Join(", ", Names(spec))}")).Fields;

    static FieldSpec Field(AppSpec spec, string entity, string jsonName) =>
        Field(spec, entity).FirstOrDefault(f => f.JsonName == jsonName)
            ?? throw new Xunit.Sdk.XunitException($"{entity} has no {jsonName}: {string.Join(", ", Field(spec, entity).Select(f => f.JsonName))}");
}
