namespace Catalyst.Agents.Understanding;

/// <summary>What kind of application a request asks for.</summary>
public enum AppKind { Crud, HelloWorld, Calculator, Counter, UrlShortener }

public enum AppStack { Dotnet, Node }

public enum FieldType { String, Text, Money, Decimal, Integer, Boolean, Date, Email, Url, StringList, Reference }

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

    public EntitySpec? Entity(string name) => Entities.FirstOrDefault(e => e.Name == name);
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
}

/// <summary>GET /api/{route}/totals: sum of <see cref="SumField"/> grouped by <see cref="GroupBy"/>.</summary>
public sealed class AggregateSpec
{
    public string Entity { get; set; } = "";
    public string SumField { get; set; } = "";
    public string GroupBy { get; set; } = "";
}
