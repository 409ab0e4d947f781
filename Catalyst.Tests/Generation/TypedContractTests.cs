using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Generation;

/// <summary>The OpenAPI contract and the page's schema carry the typed fields and the presentation of a spec.</summary>
public sealed class TypedContractTests
{
    static readonly AppSpec Spec = TypedSpecs.MovieWatchlist(AppStack.Dotnet);

    [Fact]
    public void The_contract_carries_bounds_options_date_times_phones_optional_fields_and_sorting()
    {
        var contract = OpenApiContract.Build(Spec);
        var input = contract["components"]!["schemas"]!["MovieInput"]!;
        var fields = input["properties"]!;

        Assert.Equal(("integer", 1, 5), ((string)fields["rating"]!["type"]!, (int)fields["rating"]!["minimum"]!, (int)fields["rating"]!["maximum"]!));
        Assert.Equal(["comedy", "drama", "horror"], fields["genre"]!["enum"]!.AsArray().Select(o => (string)o!));
        Assert.Equal(("string", "date-time", true), ((string)fields["watchedAt"]!["type"]!, (string)fields["watchedAt"]!["format"]!, (bool)fields["watchedAt"]!["nullable"]!));
        Assert.Equal(OpenApiContract.PhonePattern, (string)fields["phone"]!["pattern"]!);
        Assert.Equal("boolean", (string)fields["watched"]!["type"]!);
        Assert.Equal(0, (int)fields["ticketPrice"]!["minimum"]!);
        var required = input["required"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains("rating", required);
        Assert.DoesNotContain("watchedAt", required);

        var list = contract["paths"]!["/api/movies"]!["get"]!;
        var sort = list["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "sort")!;
        Assert.Equal(["title", "-title", "year", "-year", "rating", "-rating", "watchedAt", "-watchedAt"], sort["schema"]!["enum"]!.AsArray().Select(o => (string)o!));
        Assert.NotNull(list["responses"]!["400"]);
    }

    [Fact]
    public void The_page_gets_the_title_the_colours_and_the_field_rules()
    {
        var schema = FrontendAssets.Schema(Spec);
        Assert.Equal("My Movie Watchlist", (string)schema["title"]!);
        Assert.Equal((TypedSpecs.Ivory, TypedSpecs.ForestGreen, "light"), ((string)schema["presentation"]!["background"]!, (string)schema["presentation"]!["accent"]!, (string)schema["presentation"]!["theme"]!));
        var rating = schema["entities"]![0]!["fields"]!.AsArray().Single(f => (string)f!["name"]! == "rating")!;
        Assert.Equal((1, 5, true), ((int)rating["minimum"]!, (int)rating["maximum"]!, (bool)rating["sortable"]!));

        var page = FrontendAssets.For(Spec, "public").Single(f => f.Path == "public/index.html").Content;
        Assert.Contains("<title>My Movie Watchlist</title>", page);
        Assert.Contains($"style=\"--bg: {TypedSpecs.Ivory}; --accent: {TypedSpecs.ForestGreen};", page);
    }

    [Fact]
    public void A_dark_theme_selects_the_dark_palette_and_keeps_the_colours_the_spec_named()
    {
        var spec = TypedSpecs.MovieWatchlist(AppStack.Dotnet);
        spec.Presentation = new PresentationSpec { Theme = "Dark", Accent = "#FFD700" };
        var files = FrontendAssets.For(spec, "wwwroot");
        var page = files.Single(f => f.Path == "wwwroot/index.html").Content;
        Assert.Contains("<html lang=\"en\" data-theme=\"dark\" style=\"--accent: #ffd700; --accent-hover: #d8b600; --on-accent: #111111\">", page);
        var styles = files.Single(f => f.Path == "wwwroot/styles.css").Content;
        Assert.Contains(":root[data-theme=\"dark\"] {\n  color-scheme: dark;\n  --bg: #15181c;", styles);
        Assert.Equal("dark", (string)FrontendAssets.Schema(spec)["presentation"]!["theme"]!);
    }

    [Theory]
    [InlineData("red")]
    [InlineData("#fff")]
    [InlineData("#228b22; background: url(https://evil.example)")]
    [InlineData("\"><script>alert(1)</script>")]
    public void Colours_that_are_not_rrggbb_never_reach_the_page(string colour)
    {
        var spec = TypedSpecs.MovieWatchlist(AppStack.Node);
        spec.Presentation = new PresentationSpec { Background = colour, Accent = colour, Text = colour, Title = "<b>Films</b>" };
        var page = FrontendAssets.For(spec, "public").Single(f => f.Path == "public/index.html").Content;
        Assert.DoesNotContain("style=", page);
        Assert.DoesNotContain("<b>", page);
        Assert.Contains("&lt;b&gt;Films&lt;/b&gt;", page);
        Assert.Null(FrontendAssets.Schema(spec)["presentation"]!["background"]);
    }
}
