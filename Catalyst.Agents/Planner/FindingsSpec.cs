using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Catalyst.Agents.Explorer;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Planner;

/// <summary>Which of the Explorer's findings a plan was built from (plan.yaml's "findings"), so the plan says so.</summary>
public sealed class PlanFindings
{
    public string ScanId { get; set; } = "";
    public string Target { get; set; } = "";
    public List<string> Entities { get; set; } = [];
    public string Stack { get; set; } = "";
    public List<string> Improvements { get; set; } = [];
    public List<string> NotBuilt { get; set; } = [];

    public JsonObject ToNode() => new()
    {
        ["scan_id"] = ScanId, ["target"] = Target, ["stack"] = Stack,
        ["entities"] = new JsonArray([.. Entities.Select(e => (JsonNode?)e)]),
        ["improvements"] = new JsonArray([.. Improvements.Select(i => (JsonNode?)i)]),
        ["not_built"] = new JsonArray([.. NotBuilt.Select(i => (JsonNode?)i)]),
    };

    public static PlanFindings? FromNode(JsonNode? node) => node is not JsonObject o ? null : new PlanFindings
    {
        ScanId = (string?)o["scan_id"] ?? "", Target = (string?)o["target"] ?? "", Stack = (string?)o["stack"] ?? "",
        Entities = [.. (o["entities"] as JsonArray ?? []).Select(e => (string?)e ?? "")],
        Improvements = [.. (o["improvements"] as JsonArray ?? []).Select(e => (string?)e ?? "")],
        NotBuilt = [.. (o["not_built"] as JsonArray ?? []).Select(e => (string?)e ?? "")],
    };
}

/// <summary>
/// "Analyze X and build something similar": the app spec from a scan's findings instead of from words. The
/// records the scan found become the entities (their fields and types as found, references kept where both ends
/// were found), the generator's stack closest to the scanned one is used, and the suggested improvements become
/// features where the generated app provides them; the rest are listed as not built.
/// </summary>
public static partial class FindingsSpec
{
    /// <summary>What the generated app does about a suggestion, by the suggestion's title; null: not something it builds.</summary>
    static string? Provided(string title) => title switch
    {
        _ when title.Contains("test", StringComparison.OrdinalIgnoreCase) => "The generated app has API tests for every endpoint, run by the Tester.",
        _ when title.Contains("OpenAPI", StringComparison.OrdinalIgnoreCase) => "The Architect writes an OpenAPI contract the endpoints are checked against.",
        _ when title.Contains("secret", StringComparison.OrdinalIgnoreCase) => "The generated app reads its settings from the environment; .env.example documents them and nothing secret is committed.",
        _ when title.Contains("README", StringComparison.OrdinalIgnoreCase) => "The generated README explains how to run and test the app.",
        _ when title.Contains("complex", StringComparison.OrdinalIgnoreCase) || title.Contains("duplicat", StringComparison.OrdinalIgnoreCase) => "The Reviewer holds the generated code to its complexity and duplication limits.",
        _ => null,
    };

    public static (AppSpec Spec, PlanFindings Used) From(JsonNode findings, string prompt, string projectName)
    {
        var found = ScanFindings.ReadEntities(findings);
        var generatorStack = (string?)findings["generator_stack"];
        var spec = new AppSpec
        {
            Prompt = prompt,
            Stack = generatorStack == "node" ? AppStack.Node : AppStack.Dotnet,
        };
        var words = Words(projectName);
        spec.Name = Inflector.Kebab(words);
        spec.Title = Inflector.Title(words);

        foreach (var entity in found.Take(8))
        {
            var entityWords = Words(entity.Name);
            if (entityWords.Count == 0 || spec.Entities.Any(e => e.Name == Identifiers.TypeName(entityWords))) continue;
            var built = new EntitySpec
            {
                Name = Identifiers.TypeName(entityWords),
                Plural = Identifiers.TypeName([.. entityWords[..^1], Inflector.Plural(entityWords[^1])]),
                Route = Inflector.Kebab([.. entityWords[..^1], Inflector.Plural(entityWords[^1])]),
                Label = string.Join(' ', entityWords),
            };
            if (built.Plural == built.Name) built.Plural += "Items";
            foreach (var field in entity.Fields.Take(RequestParser.MaxFields))
            {
                var fieldWords = Words(field.Name);
                if (Identifiers.MemberName(fieldWords, built.Name) is not { } name || built.Fields.Any(f => f.Name == name)) continue;
                built.Fields.Add(new FieldSpec
                {
                    Name = name, JsonName = char.ToLowerInvariant(name[0]) + name[1..], Label = string.Join(' ', fieldWords),
                    Type = field.Type is FieldType.Enum ? FieldType.String : field.Type, Required = field.Required, References = field.References,
                });
            }
            if (built.Fields.Count == 0)
                built.Fields.Add(new FieldSpec { Name = "Name", JsonName = "name", Label = "name", Type = FieldType.String, Required = true, Source = FieldSources.Default });
            spec.Entities.Add(built);
        }
        // A reference stays one when the scan found what it points to; otherwise it is kept as the id it holds.
        foreach (var entity in spec.Entities)
            foreach (var field in entity.Fields.Where(f => f.Type == FieldType.Reference).ToList())
            {
                var target = spec.Entities.FirstOrDefault(e => e != entity && string.Equals(e.Name, field.References, StringComparison.OrdinalIgnoreCase));
                if (target is not null) EntityBuilder.MakeReference(entity, field, target);
                else { field.Type = FieldType.String; field.References = null; }
            }
        spec.Identifier = Identifiers.AppName(words, spec.Entities.Select(e => e.Name));
        spec.Description = RequestParser.Describe(spec);

        var used = new PlanFindings
        {
            ScanId = (string?)findings["scan_id"] ?? "",
            Target = (string?)findings["target"] ?? "",
            Stack = $"{(spec.Stack == AppStack.Node ? "node" : "dotnet")} (scanned: {string.Join(", ", (findings["summary"]?["tech_stack"] as JsonArray ?? []).Select(s => (string?)s))})",
            Entities = [.. found.Where(e => spec.Entities.Any(s => string.Equals(s.Name, Identifiers.TypeName(Words(e.Name)), StringComparison.Ordinal))).Select(e => $"{e.Name} from {e.Source}")],
        };
        foreach (var suggestion in (findings["suggested_tasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var title = (string?)suggestion["title"] ?? "";
            if (Provided(title) is { } how) used.Improvements.Add($"{title}: {how}");
            else used.NotBuilt.Add(title);
        }
        if (generatorStack is null) spec.Notes.Add("The scanned code is in a language the generator does not write, so the app is built with ASP.NET Core.");
        spec.Notes.Insert(0, $"Planned from Explorer scan {used.ScanId} of {used.Target}: the records it found ({string.Join(", ", spec.Entities.Select(e => e.Name))}) on the {used.Stack} stack.");
        if (spec.Entities.Count == 0) spec.Limitations.Add("The scan found no records to rebuild, so the app is a generic one.");
        return (spec, used);
    }

    /// <summary>"OrderItem", "order_item", "order-item" → ["order", "item"].</summary>
    static List<string> Words(string name) =>
        [.. WordPart().Matches(name).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 0)];

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")] private static partial Regex WordPart();
}
