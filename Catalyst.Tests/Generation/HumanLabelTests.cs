using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Generation;

/// <summary>What the generated page calls things: words for records ("bike rides"), and units beside the numbers measured in them.</summary>
public sealed class HumanLabelTests
{
    static readonly RequestParser Parser = new();

    [Theory]
    [InlineData("a log of bike rides with a distance in km, a duration in minutes and a date", "bike rides", "distance", "km")]
    [InlineData("servers with a hostname, ram in GB and an os", "servers", "ram", "GB")]
    [InlineData("a plant journal where each watering has a date and an amount in ml", "waterings", "amount", "ml")]
    public void The_schema_names_records_in_words_and_keeps_the_unit_as_written(string prompt, string plural, string field, string unit)
    {
        var spec = Parser.Parse(prompt);
        var entity = spec.Entities.Single(e => FrontendAssets.PluralLabel(e) == plural);
        Assert.Equal(unit, entity.Fields.Single(f => f.JsonName == field).Unit);

        var schema = FrontendAssets.Schema(spec);
        var described = schema["entities"]!.AsArray().Single(e => (string?)e!["pluralLabel"] == plural)!;
        Assert.Equal(unit, (string?)described["fields"]!.AsArray().Single(f => (string?)f!["name"] == field)!["unit"]);
    }

    [Fact]
    public void A_number_without_a_unit_and_a_word_that_is_no_unit_get_none()
    {
        var spec = Parser.Parse("a book list with a title, a page count and a cover in colour");
        Assert.All(spec.Entities.SelectMany(e => e.Fields), f => Assert.Null(f.Unit));
    }
}
