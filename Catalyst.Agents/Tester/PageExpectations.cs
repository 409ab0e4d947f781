using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Catalyst.Agents.Tester;

/// <summary>
/// What the running page must show for its schema.json: the right control for each typed field, labels a person
/// reads, and the colours the request asked for, as the browser computes them. A mismatch throws with a readable message;
/// what matched is returned, one line each, for test-summary.json.
/// </summary>
static partial class PageExpectations
{
    /// <summary>Booleans are checkboxes, date-times datetime-local inputs, phones tel inputs, enums selects of their options, bounded integers carry min/max.</summary>
    public static async Task<List<string>> VerifyControlsAsync(IPage page, JsonObject schema)
    {
        var verified = new List<string>();
        foreach (var entity in Entities(schema))
        {
            var route = (string)entity["route"]!;
            var form = page.Locator($"form[data-entity='{route}']");
            await form.WaitForAsync();
            foreach (var field in Fields(entity))
            {
                var name = (string)field["name"]!;
                var where = $"{route}.{name}";
                var input = form.Locator($"[name='{name}']");
                var tag = await input.EvaluateAsync<string>("e => e.tagName.toLowerCase()");
                var type = await input.GetAttributeAsync("type");
                switch ((string)field["type"]!)
                {
                    case "boolean": Expect(where, "a checkbox", tag == "input" && type == "checkbox", $"<{tag} type={type}>"); verified.Add($"{where} is a checkbox"); break;
                    case "datetime": Expect(where, "a datetime-local input", tag == "input" && type == "datetime-local", $"<{tag} type={type}>"); verified.Add($"{where} is a datetime-local input"); break;
                    case "phone": Expect(where, "a tel input", tag == "input" && type == "tel", $"<{tag} type={type}>"); verified.Add($"{where} is a tel input"); break;
                    case "enum":
                        var options = field["options"]!.AsArray().Select(o => (string)o!).ToList();
                        var offered = tag == "select" ? (await input.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).Where(v => v != "").ToList() : [];
                        Expect(where, $"a select of {string.Join(", ", options)}", offered.SequenceEqual(options), tag == "select" ? $"a select of {string.Join(", ", offered)}" : $"<{tag} type={type}>");
                        verified.Add($"{where} is a select of {string.Join(", ", options)}");
                        break;
                    case "integer" when field["maximum"] is not null || (int?)field["minimum"] is not (null or 0):
                        var (min, max) = ((string?)field["minimum"]?.ToString(), (string?)field["maximum"]?.ToString());
                        var (shownMin, shownMax) = (await input.GetAttributeAsync("min"), await input.GetAttributeAsync("max"));
                        Expect(where, $"a number input from {min} to {max}", type == "number" && shownMin == min && shownMax == max, $"<{tag} type={type} min={shownMin} max={shownMax}>");
                        verified.Add($"{where} is a number input with min {min} and max {max}");
                        break;
                }
            }
        }
        return verified;
    }

    /// <summary>
    /// Each record's heading reads as words ("Bike rides", never the type name "BikeRides"), and a field measured in a
    /// unit says so in its label ("Distance (km)").
    /// </summary>
    public static async Task<List<string>> VerifyLabelsAsync(IPage page, JsonObject schema)
    {
        var verified = new List<string>();
        foreach (var entity in Entities(schema))
        {
            var route = (string)entity["route"]!;
            var heading = (await page.Locator($"#section-{route} h2").First.TextContentAsync())?.Trim() ?? "";
            var words = (string?)entity["pluralLabel"] ?? (string)entity["label"]!;
            var expected = char.ToUpperInvariant(words[0]) + words[1..];
            Expect($"the heading of {route}", $"\"{expected}\"", heading == expected && !TypeNameJoint().IsMatch(heading), $"\"{heading}\"");
            verified.Add($"the heading of {route} reads \"{heading}\"");
            foreach (var field in Fields(entity).Where(f => f["unit"] is not null))
            {
                var name = (string)field["name"]!;
                var caption = page.Locator($"form[data-entity='{route}'] label", new() { Has = page.Locator($"[name='{name}']") }).Locator(".caption");
                var text = (await caption.First.TextContentAsync())?.Trim() ?? "";
                var unit = $"({(string)field["unit"]!})";
                Expect($"the label of {route}.{name}", $"naming its unit {unit}", text.EndsWith(unit, StringComparison.Ordinal), $"\"{text}\"");
                verified.Add($"the label of {route}.{name} reads \"{text}\"");
            }
        }
        return verified;
    }

    /// <summary>A lower-case letter followed by an upper-case one: a type name ("BikeRides"), not words.</summary>
    [GeneratedRegex(@"\p{Ll}\p{Lu}")]
    private static partial Regex TypeNameJoint();

    /// <summary>
    /// The banner that names what was not built: shown, with each of schema.limitations, when the spec has limitations,
    /// and absent when it has none (a page that claims less than it does is as wrong as one that claims more).
    /// </summary>
    public static async Task<List<string>> VerifyNotBuiltAsync(IPage page, JsonObject schema)
    {
        var limitations = (schema["limitations"] as JsonArray ?? []).Select(l => (string)l!).ToList();
        var banner = page.Locator("#not-built");
        if (limitations.Count == 0)
        {
            var shown = await banner.CountAsync();
            Expect("the not-built banner", "absent (the spec has no limitations)", shown == 0, $"shown {shown} time(s)");
            return ["the page shows no not-built banner, as the spec has no limitations"];
        }
        Expect("the not-built banner", "visible", await banner.CountAsync() == 1 && await banner.IsVisibleAsync(), "missing or hidden");
        var text = string.Join(' ', ((await banner.TextContentAsync()) ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        foreach (var limitation in limitations)
            Expect("the not-built banner", $"saying \"{limitation}\"", text.Contains(limitation, StringComparison.Ordinal), $"\"{text}\"");
        return [$"the page's not-built banner says: {string.Join(" ", limitations)}"];
    }

    /// <summary>The page background (body), a primary button and the heading, and the text, in the colours of schema.presentation.</summary>
    public static async Task<List<string>> VerifyColoursAsync(IPage page, JsonObject schema)
    {
        var verified = new List<string>();
        if (schema["presentation"] is not JsonObject presentation) return verified;
        if ((string?)presentation["background"] is { } background)
            verified.Add(await ColourAsync(page.Locator("body"), "backgroundColor", background, "the page background (body)"));
        if ((string?)presentation["accent"] is { } accent)
        {
            var button = page.Locator("main button:not(.secondary):not(.danger)").First;
            await button.WaitForAsync();
            verified.Add(await ColourAsync(button, "backgroundColor", accent, "the primary button"));
            verified.Add(await ColourAsync(page.Locator("header h1"), "color", accent, "the heading"));
        }
        if ((string?)presentation["text"] is { } text)
            verified.Add(await ColourAsync(page.Locator("body"), "color", text, "the body text"));
        return verified;
    }

    static async Task<string> ColourAsync(ILocator element, string property, string hex, string what)
    {
        var expected = Rgb(hex);
        var actual = await element.EvaluateAsync<string>($"e => getComputedStyle(e).{property}");
        Expect(what, $"{expected} ({hex})", actual == expected, actual);
        return $"{what} is {expected} ({hex})";
    }

    /// <summary>"#228b22" as the browser computes it: "rgb(34, 139, 34)".</summary>
    public static string Rgb(string hex) =>
        $"rgb({Channel(hex, 1)}, {Channel(hex, 3)}, {Channel(hex, 5)})";

    static int Channel(string hex, int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    static void Expect(string what, string expected, bool holds, string actual)
    {
        if (!holds) throw new InvalidOperationException($"{what} should be {expected} but is {actual}");
    }

    static IEnumerable<JsonObject> Entities(JsonObject schema) =>
        (schema["entities"] as JsonArray ?? []).Select(e => e!.AsObject());

    static IEnumerable<JsonObject> Fields(JsonObject entity) =>
        (entity["fields"] as JsonArray ?? []).Select(f => f!.AsObject());
}
