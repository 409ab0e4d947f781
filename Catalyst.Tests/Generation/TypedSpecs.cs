using Catalyst.Agents.Understanding;

namespace Catalyst.Tests.Generation;

/// <summary>
/// A spec written in code that uses every typed-field and presentation feature of <see cref="AppSpec"/>:
/// a bounded integer, a boolean, an enum, an optional date-time, a phone number, money, sorting, and an
/// ivory page with forest-green components.
/// </summary>
public static class TypedSpecs
{
    public const string Ivory = "#fffff0";
    public const string ForestGreen = "#228b22";

    public static AppSpec MovieWatchlist(AppStack stack) => new()
    {
        Name = stack == AppStack.Node ? "movie-watchlist-node" : "movie-watchlist",
        Title = "Movie Watchlist",
        Identifier = "MovieWatchlist",
        Description = "Movies to watch, with a rating, a genre and when they were watched.",
        Prompt = "a movie watchlist with title, year, rating 1 to 5, watched flag, genre (comedy, drama, horror), watched at (optional), a phone to call and a ticket price; ivory background with forest green buttons",
        Stack = stack,
        Entities =
        [
            new EntitySpec
            {
                Name = "Movie", Plural = "Movies", Route = "movies", Label = "movie",
                Fields =
                [
                    Field("Title", "title", FieldType.String, required: true, sortable: true),
                    Field("Year", "year", FieldType.Integer, required: true, sortable: true),
                    Field("Rating", "rating", FieldType.Integer, required: true, sortable: true, minimum: 1, maximum: 5),
                    Field("Watched", "watched", FieldType.Boolean),
                    Field("Genre", "genre", FieldType.Enum, required: true, options: ["comedy", "drama", "horror"]),
                    Field("WatchedAt", "watchedAt", FieldType.DateTime, label: "watched at", sortable: true),
                    Field("Phone", "phone", FieldType.Phone),
                    Field("TicketPrice", "ticketPrice", FieldType.Money, label: "ticket price"),
                ],
            },
        ],
        Presentation = new PresentationSpec { Title = "My Movie Watchlist", Background = Ivory, Accent = ForestGreen },
    };

    static FieldSpec Field(string name, string json, FieldType type, bool required = false, bool sortable = false,
        int? minimum = null, int? maximum = null, List<string>? options = null, string? label = null) => new()
    {
        Name = name, JsonName = json, Label = label ?? json, Type = type, Required = required, Sortable = sortable,
        Minimum = minimum, Maximum = maximum, Options = options ?? [],
    };
}
