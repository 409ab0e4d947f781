using System.Text.Json.Nodes;
using Catalyst.Agents.Coder.Frontend;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Catalyst.Tests.Generation;

/// <summary>
/// The browser check against the generated page served with a stand-in API: it passes on the page as
/// generated, and fails with a readable message when the page is not in the spec's colours or a typed field
/// lost its control.
/// </summary>
public sealed class BrowserCheckTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_generated_page_shows_every_typed_control_in_the_spec_colours()
    {
        var check = await CheckAsync(page => page, schema => schema);
        Assert.True(check.Passed, check.Error);
        Assert.Contains("movies.rating is a number input with min 1 and max 5", check.Verified);
        Assert.Contains($"the primary button is rgb(34, 139, 34) ({TypedSpecs.ForestGreen})", check.Verified);
        Assert.Contains("the heading is rgb(34, 139, 34) (#228b22)", check.Verified);
        Assert.Contains("the page shows no not-built banner, as the spec has no limitations", check.Verified);
    }

    const string Notice = "The offline generator cannot build charts and dashboards; it built a records app for movies instead.";

    [Fact]
    public async Task A_spec_with_limitations_puts_the_not_built_banner_on_the_page_and_the_check_sees_it()
    {
        var check = await CheckAsync(page => page, schema => schema, spec => spec.Limitations.Add(Notice));
        Assert.True(check.Passed, check.Error);
        Assert.Contains($"the page's not-built banner says: {Notice}", check.Verified);
    }

    [Fact]
    public async Task A_page_without_the_banner_its_spec_calls_for_fails_the_check()
    {
        var check = await CheckAsync(page => page, schema => schema, spec => spec.Limitations.Add(Notice),
            page => page[..page.IndexOf("  <aside", StringComparison.Ordinal)] + page[(page.IndexOf("</aside>", StringComparison.Ordinal) + "</aside>\n".Length)..]);
        Assert.False(check.Passed);
        Assert.Contains("the not-built banner should be visible but is missing or hidden", check.Error);
    }

    [Fact]
    public async Task A_banner_on_a_page_whose_spec_has_no_limitations_fails_the_check()
    {
        var check = await CheckAsync(page => page, schema => schema, changePage: page => page.Replace("</header>",
            "</header>\n  <aside id=\"not-built\" class=\"not-built\" role=\"note\"><p>nothing</p></aside>", StringComparison.Ordinal));
        Assert.False(check.Passed);
        Assert.Contains("the not-built banner should be absent (the spec has no limitations) but is shown 1 time(s)", check.Error);
    }

    [Fact]
    public async Task A_page_in_other_colours_than_the_spec_fails_with_both_colours_named()
    {
        var check = await CheckAsync(page => page, schema =>
        {
            schema["presentation"]!["accent"] = "#ff0000";
            return schema;
        });
        Assert.False(check.Passed);
        Assert.Contains("the primary button should be rgb(255, 0, 0) (#ff0000) but is rgb(34, 139, 34)", check.Error);
    }

    [Fact]
    public async Task A_bounded_integer_without_its_bounds_fails_the_check()
    {
        var check = await CheckAsync(files => files.Replace("max: f.maximum ?? null", "max: null", StringComparison.Ordinal), schema => schema);
        Assert.False(check.Passed);
        Assert.Contains("movies.rating should be a number input from 1 to 5", check.Error);
    }

    /// <summary>A record named in two words, with a price in a currency: the page must read as words and name the unit.</summary>
    static void FilmNights(AppSpec spec)
    {
        var movie = spec.Entities[0];
        (movie.Label, movie.Plural) = ("film night", "FilmNights");
        movie.Fields.Single(f => f.JsonName == "ticketPrice").Unit = "euros";
    }

    [Fact]
    public async Task The_page_names_records_in_words_and_fields_with_their_units()
    {
        var check = await CheckAsync(page => page, schema => schema, FilmNights);
        Assert.True(check.Passed, check.Error);
        Assert.Contains("the heading of movies reads \"Film nights\"", check.Verified);
        Assert.Contains("the label of movies.ticketPrice reads \"Ticket price (euros)\"", check.Verified);
    }

    [Fact]
    public async Task A_page_that_shows_the_type_name_or_drops_the_unit_fails_the_check()
    {
        var typeName = await CheckAsync(script => script.Replace("capitalize(pluralLabel(entity))", "entity.plural", StringComparison.Ordinal), schema => schema, FilmNights);
        Assert.False(typeName.Passed);
        Assert.Contains("the heading of movies should be \"Film nights\" but is \"FilmNights\"", typeName.Error);

        var noUnit = await CheckAsync(script => script.Replace("(f.unit ? `${f.label} (${f.unit})` : f.label)", "f.label", StringComparison.Ordinal), schema => schema, FilmNights);
        Assert.False(noUnit.Passed);
        Assert.Contains("the label of movies.ticketPrice should be naming its unit (euros) but is \"Ticket price\"", noUnit.Error);
    }

    /// <summary>Serves the movie watchlist's page (its scripts and schema.json changed as given) with an in-memory API and runs the check.</summary>
    static async Task<BrowserCheckResult> CheckAsync(Func<string, string> changeScript, Func<JsonObject, JsonObject> changeSchema,
        Action<AppSpec>? changeSpec = null, Func<string, string>? changePage = null)
    {
        var browser = new BrowserCheck(new BrowserOptions());
        if (browser.Unavailable is { } why) Assert.Skip(why);
        using var root = new TestDirectory("page");
        var spec = TypedSpecs.MovieWatchlist(AppStack.Node);
        changeSpec?.Invoke(spec);
        foreach (var file in FrontendAssets.For(spec, "public"))
        {
            var name = Path.GetFileName(file.Path);
            var content = name switch
            {
                _ when name.EndsWith(".js", StringComparison.Ordinal) => changeScript(file.Content),
                "index.html" => changePage?.Invoke(file.Content) ?? file.Content,
                "schema.json" => changeSchema(JsonNode.Parse(file.Content)!.AsObject()).ToJsonString(),
                _ => file.Content,
            };
            await File.WriteAllTextAsync(Path.Combine(root.Path, name), content, Ct);
        }

        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        var files = new PhysicalFileProvider(root.Path);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        var movies = new List<JsonObject>();
        app.MapGet("/api/movies", () => Results.Json(movies));
        app.MapPost("/api/movies", (JsonObject movie) =>
        {
            movie["id"] = Guid.NewGuid().ToString();
            lock (movies) movies.Add(movie);
            return Results.Json(movie, statusCode: StatusCodes.Status201Created);
        });
        await app.StartAsync(Ct);

        var schema = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root.Path, "schema.json"), Ct))!.AsObject();
        return await browser.RunAsync(new Uri($"http://127.0.0.1:{port}/"), schema, Path.Combine(root.Path, "screenshot.png"), Ct);
    }
}
