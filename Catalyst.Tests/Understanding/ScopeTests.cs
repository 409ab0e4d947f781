using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Understanding;

/// <summary>
/// What the offline generator cannot build (Data/scope.json), found in requests written here for the purpose:
/// asked for in many phrasings, never read into a records app that only keeps such a thing as data, and said in
/// one grammatical sentence that names what was built instead.
/// </summary>
public sealed class ScopeTests
{
    static readonly RequestParser Parser = new();

    static Capability Named(string name) => Assert.Single(Scope.Default.Capabilities, c => c.Name == name);

    static EntitySpec Record(string label) => new() { Name = Inflector.Pascal(label.Split(' ')), Label = label };

    [Theory]
    [InlineData("a chess game I can play against my friends", "games")]
    [InlineData("a party app where guests spin the wheel to pick the next song", "games")]
    [InlineData("Build me a sudoku site with three difficulty levels.", "games")]
    [InlineData("an online shop for my candles with a shopping cart and checkout", "payments")]
    [InlineData("a yoga studio site where members can pay for classes online", "payments")]
    [InlineData("a team space where members can send each other messages", "chat and messaging")]
    [InlineData("a bakery order tracker that sends email reminders on pickup day", "chat and messaging")]
    [InlineData("an app that shows my runs on a map", "maps and location")]
    [InlineData("a sales dashboard with charts of revenue per month", "charts and dashboards")]
    [InlineData("a running club site with a leaderboard of the fastest members", "charts and dashboards")]
    [InlineData("a whiteboard where my team can sketch ideas", "rich editors")]
    [InlineData("a blog with a markdown editor for posts", "rich editors")]
    [InlineData("an app that shows live stock quotes for my portfolio", "live data from other services")]
    [InlineData("a site where bands upload videos of their gigs", "media upload and playback")]
    [InlineData("a chatbot that answers questions about my shop", "AI features")]
    [InlineData("a bookshop site that gives readers personalised recommendations", "AI features")]
    [InlineData("shared meeting notes my colleagues can edit together", "real-time collaboration")]
    public void A_request_for_something_the_generator_cannot_build_is_told_so(string request, string capability)
    {
        var spec = Parser.Parse(request);
        var limitation = Assert.Single(spec.Limitations);
        Assert.Contains(capability, limitation);
        Assert.StartsWith("The offline generator cannot build ", limitation);
        Assert.EndsWith(" instead.", limitation);
    }

    [Theory]
    [InlineData("board games have a name and a player count")]
    [InlineData("a video game backlog with a title, a platform and whether I finished it")]
    [InlineData("A chess club ledger where games have a white player, a black player and a result.")]
    [InlineData("a poker night tracker with the date, the host and the buy-in")]
    [InlineData("a payment tracker where payments have an amount, a date and a payment method")]
    [InlineData("a recipe app where recipes have a title, ingredients and a video link")]
    [InlineData("a map collection: maps have a title, a region and a year")]
    [InlineData("a fishing log where each catch has a species, a weight and the weather")]
    [InlineData("a bill tracker where bills have an amount and a due date, and whether I paid them")]
    [InlineData("a recipe book without chat where recipes have a title and a cooking time")]
    [InlineData("a camera lens inventory: each lens has a brand, a focal length and a price")]
    [InlineData("a todo app with login")]
    public void A_records_app_that_keeps_such_a_word_as_data_gets_no_notice(string request) =>
        Assert.Empty(Parser.Parse(request).Limitations);

    [Fact]
    public void A_records_app_named_beside_the_capability_is_still_built()
    {
        var spec = Parser.Parse("a recipe app where recipes have a title and ingredients, with a chat for cooks");
        Assert.Contains(spec.Entities, e => e.Name == "Recipe");
        Assert.Equal("The offline generator cannot build chat and messaging; it built a records app for recipes instead.", Assert.Single(spec.Limitations));
    }

    [Fact]
    public void Several_capabilities_are_named_once_each_in_the_order_asked()
    {
        var spec = Parser.Parse("a multiplayer chess game with matchmaking, an elo ranking and a chat between players");
        var limitation = Assert.Single(spec.Limitations);
        Assert.StartsWith("The offline generator cannot build games, charts and dashboards or chat and messaging; it built ", limitation);
    }

    [Fact]
    public void The_notice_names_one_capability_and_one_record()
    {
        Assert.Equal("The offline generator cannot build games; it built a records app for contests instead.",
            ScopeNotice.For([Named("games")], [Record("contest")]));
    }

    [Fact]
    public void The_notice_joins_two_capabilities_with_or_and_two_records_with_and()
    {
        Assert.Equal("The offline generator cannot build games or charts and dashboards; it built a records app for contests and contest photos instead.",
            ScopeNotice.For([Named("games"), Named("charts and dashboards")], [Record("contest"), Record("contest photo")]));
    }

    [Fact]
    public void The_notice_lists_three_capabilities_and_three_records_with_commas()
    {
        Assert.Equal("The offline generator cannot build payments, maps and location or AI features; it built a records app for clients, buses and analyses instead.",
            ScopeNotice.For([Named("payments"), Named("maps and location"), Named("AI features")], [Record("client"), Record("bus"), Record("analysis")]));
    }

    [Theory]
    [InlineData("clients have a name and a company. Clients can chat with their accountant.", "a records app for clients")]
    [InlineData("an app that shows nearby bus stops on a map", "maps and location")]
    public void The_notice_never_puts_an_article_before_a_plural(string request, string expected)
    {
        var limitation = Assert.Single(Parser.Parse(request).Limitations);
        Assert.Contains(expected, limitation);
        Assert.DoesNotMatch(@"\ba (clients|maps|games|payments|charts)\b", limitation);
    }

    [Fact]
    public void Every_capability_has_a_plain_name_and_something_that_asks_for_it()
    {
        Assert.NotEmpty(Scope.Default.Capabilities);
        foreach (var capability in Scope.Default.Capabilities)
        {
            Assert.False(string.IsNullOrWhiteSpace(capability.Name));
            Assert.True(capability.Words.Count + capability.Phrases.Count + capability.Verbs.Count + capability.Adjectives.Count > 0, capability.Name);
        }
    }
}

/// <summary>What a follow-up says when it asks for what the generator cannot build: the clause quoted or restated, never a garbled article.</summary>
public sealed class FollowUpScopeTests
{
    static readonly RequestParser Parser = new();
    static readonly ChangeReader Reader = new(Parser);

    [Theory]
    [InlineData("send me an email every morning with the todos due today", "The offline generator cannot send me an email every morning with the todos due today: it builds records, fields, login, search, tags and the page's look; the app is left as it was for that part.")]
    [InlineData("add push notifications", "The offline generator cannot add \"push notifications\": it builds records, fields, login, search, tags and the page's look; the app is left as it was for that part.")]
    public void A_follow_up_asking_for_a_capability_says_so_in_one_sentence(string followUp, string expected)
    {
        var revision = Reader.Read(followUp, Parser.Parse("a todo app with login"));
        Assert.Equal(expected, Assert.Single(revision.Limitations));
    }
}
