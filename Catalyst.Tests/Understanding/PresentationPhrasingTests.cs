using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// Colours and what each is for, in phrasings written for the mechanism of docs/understanding.md (none is taken
/// from the corpora): CSS names in words split anywhere, the start of exactly one name, words no name has, each
/// family of role words, and the words that link a colour to its role in either order.
/// </summary>
public sealed class PresentationPhrasingTests
{
    static readonly RequestParser Parser = new();

    static readonly IReadOnlyDictionary<string, string> Css = Lexicon.Default.Colours;

    static PresentationSpec Look(string request) => Parser.Parse(request).Presentation;

    [Theory]
    [InlineData("A reading log. Paint the backdrop dark slate gray and the buttons medium violet red.", "darkslategray", "mediumvioletred")]
    [InlineData("A reading log. Paint the backdrop dark slate grey and the buttons medium violetred.", "darkslategrey", "mediumvioletred")]
    [InlineData("A reading log. Paint the backdrop darkslate gray and the buttons lime green.", "darkslategray", "limegreen")]
    [InlineData("A reading log. The page should be light goldenrod yellow, with cornflower blue widgets.", "lightgoldenrodyellow", "cornflowerblue")]
    [InlineData("A reading log. The page should be light golden rod yellow, with dodger blue widgets.", "lightgoldenrodyellow", "dodgerblue")]
    [InlineData("A reading log. The page should be blanched almond, with rebecca purple widgets.", "blanchedalmond", "rebeccapurple")]
    public void Multi_word_css_names_are_read_however_they_are_split(string request, string background, string accent)
    {
        var look = Look(request);
        Assert.Equal(Css[background], look.Background);
        Assert.Equal(Css[accent], look.Accent);
    }

    [Theory]
    [InlineData("A pantry app. Give the canvas light goldenrod and the controls medium aqua.", "lightgoldenrodyellow", "mediumaquamarine")]
    [InlineData("A pantry app. Give the canvas light slate and the controls medium spring.", "lightslategray", "mediumspringgreen")]
    public void Words_that_start_exactly_one_css_name_are_that_colour(string request, string background, string accent)
    {
        var look = Look(request);
        Assert.Equal(Css[background], look.Background);
        Assert.Equal(Css[accent], look.Accent);
    }

    [Fact]
    public void Words_that_start_several_css_names_are_no_colour()
    {
        var look = Look("A pantry app. Give the canvas dark slate and the controls teal.");
        Assert.Null(look.Background);
        Assert.Equal(Css["teal"], look.Accent);
    }

    [Theory]
    [InlineData("A pantry app. Make the body coral dream and the cards olive haze.", "coral", "olive")]
    [InlineData("A pantry app. Plum velvet for the body, tomato glow on the cards.", "plum", "tomato")]
    public void A_word_no_css_name_has_beside_a_colour_is_dropped(string request, string background, string accent)
    {
        var spec = Parser.Parse(request);
        Assert.Equal(Css[background], spec.Presentation.Background);
        Assert.Equal(Css[accent], spec.Presentation.Accent);
        Assert.DoesNotContain(spec.Entities, e => e.Name.Contains("Dream") || e.Name.Contains("Haze") || e.Name.Contains("Velvet") || e.Name.Contains("Glow"));
    }

    [Theory]
    // background family
    [InlineData("A habit tracker. Let the backdrop be wheat.", "background")]
    [InlineData("A habit tracker. Wheat goes on the outer layout.", "background")]
    [InlineData("A habit tracker. Fill the canvas with wheat.", "background")]
    [InlineData("A habit tracker. Wheat is the main colour.", "background")]
    [InlineData("A habit tracker. The container colour is wheat.", "background")]
    [InlineData("A habit tracker. Body: wheat.", "background")]
    // accent family
    [InlineData("A habit tracker. Render every widget in wheat.", "accent")]
    [InlineData("A habit tracker. The interface gets wheat.", "accent")]
    [InlineData("A habit tracker. Highlights in wheat, please.", "accent")]
    [InlineData("A habit tracker. Wheat content blocks.", "accent")]
    [InlineData("A habit tracker. Tint the UI elements wheat.", "accent")]
    [InlineData("A habit tracker. Cards should use wheat.", "accent")]
    // text family
    [InlineData("A habit tracker. Typography in wheat.", "text")]
    [InlineData("A habit tracker. Wheat for the font.", "text")]
    [InlineData("A habit tracker. The button text is wheat.", "text")]
    public void Each_role_word_gives_its_colour_its_role(string request, string role)
    {
        var look = Look(request);
        var wheat = Css["wheat"];
        Assert.Equal((role == "background" ? wheat : null, role == "accent" ? wheat : null, role == "text" ? wheat : null),
            (look.Background, look.Accent, look.Text));
    }

    [Theory]
    [InlineData("A recipe box. Tint the base with sandy brown and render the tiles in steel blue.")]
    [InlineData("A recipe box. Render the tiles in steel blue and tint the base with sandy brown.")]
    [InlineData("A recipe box. Steel blue for tiles; the base is sandy brown.")]
    [InlineData("A recipe box. Surfaces: sandy brown. Tiles: steel blue.")]
    [InlineData("A recipe box. Style it with steel blue tiles over a sandy brown surface.")]
    [InlineData("A recipe box. Put sandy brown behind everything as the backdrop, then steel blue across the panels.")]
    [InlineData("A recipe box, coloured sandy brown in the page and steel blue on each control.")]
    public void A_colour_is_linked_to_its_role_word_in_either_order(string request)
    {
        var look = Look(request);
        Assert.Equal(Css["sandybrown"], look.Background);
        Assert.Equal(Css["steelblue"], look.Accent);
    }

    [Fact]
    public void A_second_colour_with_no_role_word_keeps_the_order_colours_always_took()
    {
        var look = Look("A recipe box. Use khaki as the backdrop, and also use navy.");
        Assert.Equal(Css["khaki"], look.Background);
        Assert.Equal(Css["navy"], look.Accent);
    }

    [Fact]
    public void Three_colours_each_take_their_own_role()
    {
        var look = Look("A recipe box styled with a beige surface, maroon widgets and dim grey lettering.");
        Assert.Equal(Css["beige"], look.Background);
        Assert.Equal(Css["maroon"], look.Accent);
        Assert.Equal(Css["dimgray"], look.Text);
    }

    [Theory]
    [InlineData("Football players have a name, a team and a green card count.")]
    [InlineData("Referees log fouls: each foul has a player, a minute and a red card flag.")]
    [InlineData("Gift cards have a code, a balance and a colour (gold, silver, black).")]
    [InlineData("Visitors get a blue badge or a yellow pass; badges have a number and a holder.")]
    public void A_colour_word_in_a_record_is_no_colour_of_the_page(string request)
    {
        var look = Look(request);
        Assert.Equal((null, null, null), (look.Background, look.Accent, look.Text));
    }

    [Fact]
    public void A_record_named_like_a_role_word_keeps_its_fields_when_the_request_colours_it()
    {
        var spec = Parser.Parse("Flashcards have a front and a back. Show the cards in lavender.");
        Assert.Equal(Css["lavender"], spec.Presentation.Accent);
        Assert.Equal(["front", "back"], Assert.Single(spec.Entities).Fields.Select(f => f.JsonName));
    }
}
