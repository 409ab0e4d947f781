namespace Catalyst.Agents.Understanding;

/// <summary>What kind of application a request asks for.</summary>
public enum AppKind { Crud, HelloWorld, Calculator, Counter, UrlShortener, Timer, Poll, Quiz, Kanban }

public enum AppStack { Dotnet, Node }

public enum FieldType { String, Text, Money, Decimal, Integer, Boolean, Date, DateTime, Email, Url, Phone, StringList, Reference, Enum }

/// <summary>
/// What the request understanding made of a prompt. Written into planning/plan.yaml (section "domain") by the
/// Planner and read back by the Architect, so it is a plain settable shape for YAML.
/// </summary>
public sealed class AppSpec
{
    /// <summary>Project slug: lower-case, hyphenated ("expense-tracker").</summary>
    public string Name { get; set; } = "";

    /// <summary>Human title ("Expense Tracker").</summary>
    public string Title { get; set; } = "";

    /// <summary>C# namespace / identifier for the app ("ExpenseTracker").</summary>
    public string Identifier { get; set; } = "";

    public string Description { get; set; } = "";
    public string Prompt { get; set; } = "";
    public AppKind Kind { get; set; } = AppKind.Crud;
    public AppStack Stack { get; set; } = AppStack.Dotnet;
    public List<EntitySpec> Entities { get; set; } = [];
    public FeatureSet Features { get; set; } = new();

    /// <summary>Assumptions and fallbacks the understanding made, shown in the plan.</summary>
    public List<string> Notes { get; set; } = [];

    /// <summary>
    /// What the request asked for that the offline generator cannot build, and what it built instead. Shown in
    /// the plan, the log and the task's result; empty when the app is what was asked for.
    /// </summary>
    public List<string> Limitations { get; set; } = [];

    /// <summary>
    /// The model that wrote the app's code because the offline generator could not build the request; null for a
    /// generated app. The Coder sets it on the task branch's design, and the app is then held to its own tests and
    /// the generated-app contract rather than to the records the offline reading guessed.
    /// </summary>
    public string? BuiltByModel { get; set; }

    /// <summary>How the generated page should look: title, theme and colours the request named.</summary>
    public PresentationSpec Presentation { get; set; } = new();

    /// <summary>Every content word of the request: what it was used for, or that it was not understood.</summary>
    public WordAccount Words { get; set; } = new();

    public EntitySpec? Entity(string name) => Entities.FirstOrDefault(e => e.Name == name);

    /// <summary>Every reference between entities: (from, field, to), derived from the reference fields.</summary>
    public IEnumerable<(string From, string Field, string To)> Relations() =>
        Entities.SelectMany(e => e.References.Select(r => (e.Name, r.Name, r.References!)));
}

public sealed class EntitySpec
{
    /// <summary>PascalCase singular type name ("Expense").</summary>
    public string Name { get; set; } = "";

    /// <summary>PascalCase plural ("Expenses").</summary>
    public string Plural { get; set; } = "";

    /// <summary>URL segment: kebab-case plural ("expenses"), under /api/.</summary>
    public string Route { get; set; } = "";

    /// <summary>Human label, singular ("expense").</summary>
    public string Label { get; set; } = "";

    public List<FieldSpec> Fields { get; set; } = [];

    public IEnumerable<FieldSpec> References => Fields.Where(f => f.Type == FieldType.Reference);
}

public sealed class FieldSpec
{
    /// <summary>PascalCase property name ("DueDate").</summary>
    public string Name { get; set; } = "";

    /// <summary>camelCase JSON name ("dueDate").</summary>
    public string JsonName { get; set; } = "";

    /// <summary>Human label ("due date").</summary>
    public string Label { get; set; } = "";

    public FieldType Type { get; set; }
    public bool Required { get; set; }

    /// <summary>For references: the entity name this field points to (the JSON name ends in "Id").</summary>
    public string? References { get; set; }

    /// <summary>Offered as an exact-match query filter (?category=...).</summary>
    public bool Filterable { get; set; }

    /// <summary>Offered as a sort key (?sort=field or ?sort=-field).</summary>
    public bool Sortable { get; set; }

    /// <summary>Inclusive bounds of an <see cref="FieldType.Integer"/> ("a rating from 1 to 5").</summary>
    public int? Minimum { get; set; }

    public int? Maximum { get; set; }

    /// <summary>The unit a number is measured in, as the request wrote it ("km", "minutes", "GB"): shown beside the label.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; set; }

    /// <summary>The allowed values of an <see cref="FieldType.Enum"/>, lower-case as the request gave them.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Where the field came from: "request" (asked for) or "default" (the stated defaults of a known record).</summary>
    public string Source { get; set; } = FieldSources.Request;
}

public static class FieldSources
{
    public const string Request = "request";
    public const string Default = "default";
}

/// <summary>How the generated page looks. Null means "the generator's default".</summary>
public sealed class PresentationSpec
{
    /// <summary>The app's title when the request named it ("call it Fuel Log").</summary>
    public string? Title { get; set; }

    /// <summary>"light" or "dark" when the request asked for one.</summary>
    public string? Theme { get; set; }

    /// <summary>Page background: a CSS colour as "#rrggbb" (named colours are resolved).</summary>
    public string? Background { get; set; }

    /// <summary>Components (buttons, headers, links): a CSS colour as "#rrggbb".</summary>
    public string? Accent { get; set; }

    /// <summary>Body text: a CSS colour as "#rrggbb".</summary>
    public string? Text { get; set; }
}

/// <summary>The request's content words and what the understanding did with each.</summary>
public sealed class WordAccount
{
    public List<WordUse> Used { get; set; } = [];

    /// <summary>Content words (not function words) the understanding could not place, in request order.</summary>
    public List<string> NotUnderstood { get; set; } = [];
}

/// <summary>One content word of the request and its role: "entity:Deal", "field:Deal.Value", "feature:auth", "kind:timer", "presentation:background", "app-name".</summary>
public sealed class WordUse
{
    public string Word { get; set; } = "";
    public string Role { get; set; } = "";
}

public sealed class FeatureSet
{
    /// <summary>User registration and login (PBKDF2-hashed passwords, bearer tokens).</summary>
    public bool Auth { get; set; }

    /// <summary>Each user sees and changes only their own records.</summary>
    public bool Ownership { get; set; }

    /// <summary>?q= full-text search over the text fields.</summary>
    public bool Search { get; set; }

    /// <summary>A tags list on the main entities, with ?tag= filtering.</summary>
    public bool Tags { get; set; }

    public List<AggregateSpec> Aggregates { get; set; } = [];

    /// <summary>
    /// JSON names of the fields the request asked to filter by ("filter by genre"). Those fields are
    /// <see cref="FieldSpec.Filterable"/>, as are the ones the generator offers filters on by default.
    /// </summary>
    public List<string> Filters { get; set; } = [];
}

/// <summary>GET /api/{route}/totals: sum of <see cref="SumField"/> grouped by <see cref="GroupBy"/>.</summary>
public sealed class AggregateSpec
{
    public string Entity { get; set; } = "";
    public string SumField { get; set; } = "";
    public string GroupBy { get; set; } = "";
}
