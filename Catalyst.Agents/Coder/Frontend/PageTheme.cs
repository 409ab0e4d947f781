using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Coder.Frontend;

/// <summary>
/// How a <see cref="PresentationSpec"/> reaches the page: a data-theme attribute (light/dark palette of
/// styles.css) and CSS custom properties (--bg, --accent, --text) on the html element. Only colours that are
/// exactly #rrggbb get through, so nothing the request said is ever written into the page as CSS or HTML.
/// </summary>
public static partial class PageTheme
{
    /// <summary>The colour as lower-case "#rrggbb", or null when it is not one.</summary>
    public static string? Color(string? value) =>
        value is not null && HexColor().IsMatch(value.Trim()) ? value.Trim().ToLowerInvariant() : null;

    /// <summary>"light" or "dark": the one asked for, else the one the background implies, else null (follow the system).</summary>
    public static string? Theme(PresentationSpec presentation) => presentation.Theme?.Trim().ToLowerInvariant() switch
    {
        "dark" => "dark",
        "light" => "light",
        _ => Color(presentation.Background) is { } background ? (Luminance(background) < 0.4 ? "dark" : "light") : null,
    };

    /// <summary>Attributes for the html element: data-theme and a style with the custom properties.</summary>
    public static string HtmlAttributes(PresentationSpec presentation)
    {
        var attributes = Theme(presentation) is { } theme ? $" data-theme=\"{theme}\"" : "";
        var properties = new List<string>();
        if (Color(presentation.Background) is { } background) properties.Add($"--bg: {background}");
        if (Color(presentation.Accent) is { } accent)
        {
            properties.Add($"--accent: {accent}");
            properties.Add($"--accent-hover: {Darker(accent)}");
            properties.Add($"--on-accent: {(Luminance(accent) > 0.55 ? "#111111" : "#ffffff")}");
        }
        if (Color(presentation.Text) is { } text) properties.Add($"--text: {text}");
        return properties.Count == 0 ? attributes : $"{attributes} style=\"{string.Join("; ", properties)}\"";
    }

    /// <summary>schema.json's "presentation": what the page was asked to look like (validated), for the browser check.</summary>
    public static JsonObject Describe(PresentationSpec presentation) => new()
    {
        ["theme"] = Theme(presentation),
        ["background"] = Color(presentation.Background),
        ["accent"] = Color(presentation.Accent),
        ["text"] = Color(presentation.Text),
    };

    /// <summary>Relative luminance (0 black .. 1 white) of "#rrggbb".</summary>
    static double Luminance(string color)
    {
        var (r, g, b) = Channels(color);
        static double Linear(int c) => c / 255.0 is var s && s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }

    static string Darker(string color)
    {
        var (r, g, b) = Channels(color);
        return $"#{(int)(r * 0.85):x2}{(int)(g * 0.85):x2}{(int)(b * 0.85):x2}";
    }

    static (int R, int G, int B) Channels(string color) =>
        (int.Parse(color[1..3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(color[3..5], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(color[5..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
