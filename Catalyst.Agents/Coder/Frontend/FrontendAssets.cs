using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Architect;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Frontend;

/// <summary>
/// The plain HTML/CSS/JS frontend every generated app serves: one generic client (index.html; page.js, crud.js and
/// app.js, each small enough for the Reviewer's own file limit; styles.css) driven by the app's schema.json, which describes its entities, fields and features.
/// </summary>
public static class FrontendAssets
{
    static readonly string[] StaticFiles = ["index.html", "page.js", "crud.js", "app.js", "styles.css"];
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The frontend files, placed under <paramref name="directory"/> (e.g. "src/App/wwwroot" or "public").</summary>
    public static IReadOnlyList<GeneratedFile> For(AppSpec spec, string directory)
    {
        var files = StaticFiles
            .Select(name => new GeneratedFile($"{directory}/{name}", ReadTemplate(name)
                .Replace("{{TITLE}}", System.Net.WebUtility.HtmlEncode(Title(spec)), StringComparison.Ordinal)
                .Replace("{{THEME}}", PageTheme.HtmlAttributes(spec.Presentation), StringComparison.Ordinal)
                .Replace("{{NOT_BUILT}}", NotBuilt(spec), StringComparison.Ordinal)))
            .ToList();
        if (ArchetypeCatalog.Contains(spec.Kind)) files = ArchetypePage.With(files, directory, KindName(spec.Kind), ReadTemplate);
        files.Add(new GeneratedFile($"{directory}/schema.json", Schema(spec).ToJsonString(Indented) + "\n"));
        // The Architect's contract, served where clients and scanners look for it (/openapi.json).
        files.Add(new GeneratedFile($"{directory}/openapi.json", OpenApiContract.Build(spec).ToJsonString(Indented) + "\n"));
        return files;
    }

    /// <summary>
    /// The page's banner naming what the offline generator could not build and what it built instead (the spec's
    /// limitations), so whoever opens the app is told, not only whoever reads the plan. Nothing when there are none.
    /// </summary>
    public static string NotBuilt(AppSpec spec)
    {
        if (spec.Limitations.Count == 0) return "";
        var lines = string.Concat(spec.Limitations.Select(l => $"    <p>{System.Net.WebUtility.HtmlEncode(l)}</p>\n"));
        return $"  <aside id=\"not-built\" class=\"not-built\" role=\"note\" aria-labelledby=\"not-built-title\">\n    <h2 id=\"not-built-title\">Not built</h2>\n{lines}  </aside>\n";
    }

    /// <summary>schema.json: what the generic client needs to know about this app (docs/generated-apps.md).</summary>
    public static JsonObject Schema(AppSpec spec) => new()
    {
        ["title"] = Title(spec),
        ["description"] = spec.Description,
        ["kind"] = KindName(spec.Kind),
        ["auth"] = spec.Features.Auth,
        ["search"] = spec.Features.Search,
        ["tags"] = spec.Features.Tags,
        ["limitations"] = new JsonArray([.. spec.Limitations.Select(l => (JsonNode)l)]),
        ["entities"] = new JsonArray([.. spec.Entities.Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["plural"] = e.Plural,
            ["label"] = e.Label,
            ["pluralLabel"] = PluralLabel(e),
            ["route"] = e.Route,
            ["fields"] = new JsonArray([.. e.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.JsonName,
                ["label"] = f.Label,
                ["unit"] = f.Unit,
                ["type"] = TypeName(f.Type),
                ["required"] = f.Required,
                ["references"] = f.References is null ? null : spec.Entity(f.References)?.Route,
                ["filterable"] = f.Filterable,
                ["sortable"] = f.Sortable && f.Type != FieldType.StringList,
                ["minimum"] = f.Type == FieldType.Integer ? f.Minimum ?? 0 : null,
                ["maximum"] = f.Type == FieldType.Integer ? f.Maximum : null,
                ["options"] = f.Type == FieldType.Enum ? new JsonArray([.. f.Options.Select(o => (JsonNode)o)]) : null,
            })]),
        })]),
        ["presentation"] = PageTheme.Describe(spec.Presentation),
        ["aggregates"] = new JsonArray([.. spec.Features.Aggregates.Select(a => (JsonNode)new JsonObject
        {
            ["entity"] = spec.Entity(a.Entity)?.Route,
            ["sumField"] = spec.Entity(a.Entity)?.Fields.First(f => f.Name == a.SumField).JsonName,
            ["groupBy"] = spec.Entity(a.Entity)?.Fields.First(f => f.Name == a.GroupBy).JsonName,
        })]),
    };

    /// <summary>
    /// The plural a person reads ("bike rides"), where <see cref="EntitySpec.Plural"/> is the type name's ("BikeRides"):
    /// the label with its last word in the plural.
    /// </summary>
    public static string PluralLabel(EntitySpec entity)
    {
        var words = entity.Label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return entity.Plural;
        words[^1] = Inflector.Plural(words[^1]);
        return string.Join(' ', words);
    }

    /// <summary>The page's title: the one the request named, else the app's.</summary>
    public static string Title(AppSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Presentation.Title)) return spec.Title;
        var title = string.Join(' ', spec.Presentation.Title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        title = new string([.. title.Where(c => !char.IsControl(c))]);
        return title.Length > 100 ? title[..100].TrimEnd() : title;
    }

    public static string KindName(AppKind kind) => kind switch
    {
        AppKind.HelloWorld => "hello-world",
        AppKind.UrlShortener => "url-shortener",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string TypeName(FieldType type) => type switch
    {
        FieldType.StringList => "list",
        _ => type.ToString().ToLowerInvariant(),
    };

    internal static string ReadTemplate(string name)
    {
        var assembly = typeof(FrontendAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Catalyst.Frontend.{name}")
            ?? throw new InvalidOperationException($"The frontend template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
