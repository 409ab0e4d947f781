using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// Phrasings written for the mechanisms added for requests written by others (issue 21): what the app has is its
/// structure, not a record's fields; the fields of a record an action names, spelled out after it.
/// </summary>
public sealed class AppStructurePhrasingTests
{
    static readonly RequestParser Parser = new();

    static List<string> Names(string prompt) => [.. Parser.Parse(prompt).Entities.Select(e => e.Name).Order()];

    [Theory]
    [InlineData("Please build a gardening club website where members can post plant swaps. The club should also have an admin backend and a member center.", "PlantSwap")]
    [InlineData("Please make a quilting guild portal where members can share patterns. The guild should have filtering, an ordering component and interactive elements.", "Pattern")]
    [InlineData("Please create a chess club website where players can book lessons. The chess club should have a user center.", "Lesson")]
    [InlineData("Please create a chess club website where players can book lessons. The chess club should also have interactive charts and an admin dashboard.", "Lesson")]
    public void A_record_named_like_the_app_that_is_given_only_what_the_app_has_is_no_record(string prompt, string expected) =>
        Assert.Equal(expected.Split(','), Names(prompt));

    [Fact]
    public void The_app_s_own_record_keeps_the_fields_it_is_given()
    {
        var spec = Parser.Parse("A sleep log where the log should have a bed time and a wake time.");
        Assert.Equal(["bedTime", "wakeTime"], Assert.Single(spec.Entities).Fields.Select(f => f.JsonName));
    }

    [Theory]
    [InlineData("The site should let tutors publish lessons, including subject, level, contact information, and duration.", "Lesson", "subject,level,contactInformation,duration")]
    [InlineData("Members should be able to view their orders, including the order date, the total and the delivery address.", "Order", "orderDate,total,deliveryAddress")]
    [InlineData("Coaches should be able to schedule workshops (date, duration, location).", "Workshop", "date,duration,location")]
    public void The_fields_of_what_an_action_names_are_read_after_including_or_in_brackets(string prompt, string entity, string fields)
    {
        var spec = Parser.Parse(prompt);
        Assert.Equal(fields.Split(','), Assert.Single(spec.Entities, e => e.Name == entity).Fields.Select(f => f.JsonName));
    }

    [Fact]
    public void Examples_of_records_after_including_are_no_fields()
    {
        var spec = Parser.Parse("Visitors can browse rentals, including apartments, houses and cabins.");
        Assert.DoesNotContain(Assert.Single(spec.Entities).Fields, f => f.JsonName is "apartments" or "houses" or "cabins");
    }
}
