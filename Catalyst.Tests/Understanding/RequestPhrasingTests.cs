using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// Phrasings written for the mechanisms of docs/understanding.md after the corpus grew past 300 development
/// requests: times spent, clauses that count or name a day, bullets under a plain heading, wishes after "for each",
/// linking records with fields of their own, records named in full before their head defines them; and after 360,
/// verbs the lexicon does not list, known by where they stand.
/// </summary>
public sealed class RequestPhrasingTests
{
    static readonly RequestParser Parser = new();

    static EntitySpec Entity(AppSpec spec, string name) => Assert.Single(spec.Entities, e => e.Name == name);

    static FieldSpec Field(AppSpec spec, string entity, string field) => Assert.Single(Entity(spec, entity).Fields, f => f.JsonName == field);

    static void AssertFields(AppSpec spec, string entity, params string[] fields) =>
        Assert.Equal(fields, Entity(spec, entity).Fields.Select(f => f.JsonName));

    [Fact]
    public void A_time_spent_doing_something_is_a_number_of_minutes_and_a_moment_stays_a_date_time()
    {
        var spec = Parser.Parse("Bakes have a prep time, a proofing time, a travel time and a start time.");
        AssertFields(spec, "Bake", "prepTime", "proofingTime", "travelTime", "startTime");
        Assert.Equal(FieldType.Integer, Field(spec, "Bake", "prepTime").Type);
        Assert.Equal(FieldType.Integer, Field(spec, "Bake", "proofingTime").Type);
        Assert.Equal(FieldType.Integer, Field(spec, "Bake", "travelTime").Type);
        Assert.Equal(FieldType.DateTime, Field(spec, "Bake", "startTime").Type);
        Assert.Equal(FieldType.DateTime, Field(Parser.Parse("Shops have a name and an opening time."), "Shop", "openingTime").Type);
    }

    [Fact]
    public void An_owner_named_like_another_record_of_the_request_is_a_reference_to_it()
    {
        var spec = Parser.Parse("Dogs have a name, a breed and an owner. Owners have a name and a phone number.");
        AssertFields(spec, "Dog", "name", "breed", "ownerId");
        Assert.Equal("Owner", Field(spec, "Dog", "ownerId").References);
    }

    [Fact]
    public void How_many_I_have_is_a_quantity_and_a_clause_that_names_nothing_is_listed_as_not_understood()
    {
        var spec = Parser.Parse("Bikes have a brand, how many I have and how I rate them.");
        AssertFields(spec, "Bike", "brand", "quantity");
        Assert.Equal(FieldType.Integer, Field(spec, "Bike", "quantity").Type);
        Assert.Contains("rate", spec.Words.NotUnderstood);
    }

    [Fact]
    public void Days_and_moments_named_in_several_words_are_one_field()
    {
        var spec = Parser.Parse("Groceries have a name, a best before date, a date and time, when I last checked them and whether it includes a coupon.");
        AssertFields(spec, "Grocery", "name", "bestBeforeDate", "dateAndTime", "lastChecked", "includesCoupon");
        Assert.Equal(FieldType.Date, Field(spec, "Grocery", "bestBeforeDate").Type);
        Assert.Equal(FieldType.DateTime, Field(spec, "Grocery", "dateAndTime").Type);
        Assert.Equal(FieldType.Date, Field(spec, "Grocery", "lastChecked").Type);
        Assert.Equal(FieldType.Boolean, Field(spec, "Grocery", "includesCoupon").Type);
    }

    [Fact]
    public void Bullets_under_a_plain_heading_are_the_fields_of_its_records()
    {
        var spec = Parser.Parse("Job applications tracker\n- company\n- role\n- salary");
        AssertFields(spec, "JobApplication", "company", "role", "salary");
    }

    [Fact]
    public void A_wish_after_for_each_lists_the_fields_of_those_records()
    {
        var spec = Parser.Parse("Track my runs: for each run I want the date, the distance and the time.");
        AssertFields(spec, "Run", "date", "distance", "time");
    }

    [Fact]
    public void A_linking_record_keeps_the_fields_it_is_given_after_the_records_it_links()
    {
        var spec = Parser.Parse("Tournaments have a name; players have a gamertag; entries link players to tournaments with a placement.");
        AssertFields(spec, "Entry", "playerId", "tournamentId", "placement");
        Assert.Contains(("Entry", "PlayerId", "Player"), spec.Relations());
    }

    [Fact]
    public void A_record_named_in_full_before_its_head_defines_it_keeps_the_full_name()
    {
        var spec = Parser.Parse("Hey! Can you make me something to keep track of my camera lenses? Each lens has a brand and a focal length in mm.");
        Assert.Equal(["CameraLens"], spec.Entities.Select(e => e.Name));
        Assert.Equal(FieldType.Decimal, Field(spec, "CameraLens", "focalLength").Type);
        Assert.Equal(["WaterIntake"], Parser.Parse("Water intake log with the amount in ml and the time.").Entities.Select(e => e.Name));
    }

    [Fact]
    public void A_word_the_lexicon_does_not_list_is_a_verb_where_it_stands_and_what_it_acts_on_are_the_records()
    {
        var swap = Parser.Parse("A garden app where neighbours can swap seedlings with a variety and a quantity.");
        Assert.Equal(["Seedling"], swap.Entities.Select(e => e.Name));
        AssertFields(swap, "Seedling", "variety", "quantity");
        var split = Parser.Parse("An app that lets friends split bills with an amount, a payer and a date.");
        Assert.Equal(["Bill"], split.Entities.Select(e => e.Name));
        AssertFields(split, "Bill", "amount", "payer", "date");
        Assert.Equal(["Talk"], Parser.Parse("A conference app: each member proposes talks with a title and an abstract.").Entities.Select(e => e.Name));
    }

    [Fact]
    public void What_people_act_on_is_described_and_the_records_after_it_are_what_it_belongs_to()
    {
        var spec = Parser.Parse("A delivery app where customers leave tips for drivers with an amount and a note.");
        AssertFields(spec, "Tip", "amount", "note", "driverId");
        Assert.Equal("Driver", Field(spec, "Tip", "driverId").References);
        Assert.DoesNotContain(Entity(spec, "Driver").Fields, f => f.Source == FieldSources.Request);
    }
}
