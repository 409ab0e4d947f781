using System.Text.Json;
using System.Text.Json.Nodes;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>What the conformance check looked at and what it found.</summary>
public sealed record ConformanceReport(
    string? Source, string Kind, int Entities, int Fields, IReadOnlyList<string> NotUnderstood, IReadOnlyList<string> Limitations, IReadOnlyList<ReviewIssue> Issues)
{
    public bool Checked => Source is not null;
    public int Mismatches => Issues.Count(i => i.Rule == SpecConformance.Rule);

    public static ConformanceReport NotChecked(IReadOnlyList<ReviewIssue> issues) => new(null, "", 0, 0, [], [], issues);
}

/// <summary>
/// The app against the request: every entity and field of the understood spec must be in the OpenAPI
/// contract, the API code, the page's schema.json and the entity's tests, each with its type
/// (<see cref="FieldRepresentation"/>); an archetype's contract must have its kind's main endpoint. A miss is
/// blocking. The request's words the understanding did not use, and what the generator could not build, are
/// listed as issues too, so such a request never scores 100. Pure, like the other analyses.
/// </summary>
public static class SpecConformance
{
    public const string Rule = "spec-conformance";
    public const string NotUnderstoodRule = "not-understood";
    public const string LimitationRule = "limitation";
    public const string NoSpecRule = "spec-not-found";

    /// <summary>Where an archetype's main endpoint lives: any contract path starting with one of these.</summary>
    static readonly Dictionary<AppKind, string[]> MainEndpoints = new()
    {
        [AppKind.HelloWorld] = ["/api/hello"],
        [AppKind.Counter] = ["/api/counter"],
        [AppKind.Calculator] = ["/api/calculate"],
        [AppKind.UrlShortener] = ["/api/links"],
        [AppKind.Timer] = ["/api/timer"],
        [AppKind.Poll] = ["/api/poll"],
        [AppKind.Quiz] = ["/api/quiz"],
        [AppKind.Kanban] = ["/api/kanban", "/api/board", "/api/column", "/api/card"],
    };

    public static ConformanceReport Check(UnderstoodRequest? request, SourceTree tree)
    {
        if (request is null)
            return ConformanceReport.NotChecked([Issue(Severity.Info, NoSpecRule, null, null,
                "Neither architecture/data-models.json nor planning/plan.yaml holds the understood request, so the app was not checked against it.",
                "Run the Planner and the Architect so the request is recorded with the app.", blocking: false)]);

        var spec = request.Spec;
        var issues = new List<ReviewIssue>();
        issues.AddRange(spec.Words.NotUnderstood.Select(word => Issue(Severity.Medium, NotUnderstoodRule, null, null,
            $"The request's word \"{word}\" was not understood: nothing in the app answers it.",
            "Check that the app does what the request meant, or rephrase the request with that word spelled out.", blocking: false)));
        issues.AddRange(spec.Limitations.Select(limitation => Issue(Severity.High, LimitationRule, null, null,
            $"Limitation: {limitation}", "Tell the requester what was built instead, or build the missing part by hand.", blocking: false)));

        var contract = request.Contract is { } file ? OpenApiDocument.Parse(file.Content) : null;
        if (contract is null)
            issues.Add(Issue(Severity.High, Rule, null, null, request.Contract is null
                    ? $"There is no OpenAPI contract ({UnderstoodRequest.ContractPath}) to check the app against."
                    : $"The OpenAPI contract ({UnderstoodRequest.ContractPath}) cannot be read as YAML.",
                "Run the Architect again so the contract is derived from the spec."));

        // A model wrote the app because the offline reading could not: its records are a guess the app need not
        // follow. The model's app is held to its own tests (the Tester) and the rest of this review instead.
        if (spec.BuiltByModel is not null) return Report(request, issues);

        if (spec.Kind != AppKind.Crud)
        {
            if (contract is not null && MainEndpoints.TryGetValue(spec.Kind, out var prefixes)
                && !contract.Paths.Any(p => prefixes.Any(prefix => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))))
                issues.Add(Issue(Severity.High, Rule, null, null,
                    $"The request asked for a {spec.Kind} app, but the OpenAPI contract ({UnderstoodRequest.ContractPath}) has no {prefixes[0]} endpoint.",
                    "Derive the contract again from the spec so it has the archetype's endpoints."));
            return Report(request, issues);
        }

        var code = new ApiCodeConformance(spec, tree);
        var page = Page(spec, tree, issues);
        var tests = new TestConformance(spec, tree);
        foreach (var entity in spec.Entities)
        {
            if (contract is not null) CheckContract(entity, contract, issues);
            issues.AddRange(code.Check(entity));
            if (page is not null) CheckPage(entity, page.Value.File, page.Value.Entities, issues);
            issues.AddRange(tests.Check(entity));
        }
        return Report(request, issues);
    }

    static ConformanceReport Report(UnderstoodRequest request, List<ReviewIssue> issues) => new(
        request.Source, request.Spec.BuiltByModel is null ? FrontendKind(request.Spec.Kind) : Coder.Model.ModelCommits.PageKind, request.Spec.Entities.Count, request.Spec.Entities.Sum(e => e.Fields.Count),
        request.Spec.Words.NotUnderstood, request.Spec.Limitations, issues);

    static string FrontendKind(AppKind kind) => Coder.Frontend.FrontendAssets.KindName(kind);

    /// <summary>components.schemas.{Entity}: a property per field, with the table's type and format, and the spec's options and bounds.</summary>
    static void CheckContract(EntitySpec entity, OpenApiDocument contract, List<ReviewIssue> issues)
    {
        var where = $"the OpenAPI contract ({UnderstoodRequest.ContractPath}";
        if (contract.Properties(entity.Name) is not { } properties)
        {
            issues.Add(Missing(entity, null, $"{where}: no schema {entity.Name})", null, null));
            return;
        }
        foreach (var field in entity.Fields)
        {
            var expected = FieldRepresentation.For(field.Type);
            if (!properties.TryGetValue(field.JsonName, out var property))
            {
                issues.Add(Missing(entity, field, $"{where}, schema {entity.Name} line {contract.SchemaLine(entity.Name)})", null, null));
                continue;
            }
            var at = $"{where} line {property.Line})";
            var actual = property.Type == "array" ? $"array of {property.ItemsType}" : property.Format is null ? property.Type ?? "untyped" : $"{property.Type}/{property.Format}";
            var typeIsRight = property.Type == expected.OpenApiType && (expected.OpenApiFormat is null || property.Format == expected.OpenApiFormat)
                && (expected.OpenApiType != "array" || property.ItemsType == "string");
            if (!typeIsRight) issues.Add(Mistyped(entity, field, at, expected.OpenApi, actual, null, null));
            if (field.Options.Count > 0 && !SameOptions(field.Options, property.Enum))
                issues.Add(Mistyped(entity, field, at, $"one of [{string.Join(", ", field.Options)}]", property.Enum is null ? "not an enum" : $"[{string.Join(", ", property.Enum)}]", null, null));
            if (field.Minimum is { } min && property.Minimum != min)
                issues.Add(Mistyped(entity, field, at, $"at least {min}", property.Minimum is null ? "unbounded below" : $"at least {property.Minimum}", null, null));
            if (field.Maximum is { } max && property.Maximum != max)
                issues.Add(Mistyped(entity, field, at, $"at most {max}", property.Maximum is null ? "unbounded above" : $"at most {property.Maximum}", null, null));
        }
    }

    /// <summary>The page's schema.json and its entities; null (with an issue) when there is none to read.</summary>
    static (SourceFile File, JsonArray Entities)? Page(AppSpec spec, SourceTree tree, List<ReviewIssue> issues)
    {
        var file = tree.Find($"{AppLayout.Frontend(spec)}/schema.json")
            ?? tree.Files.FirstOrDefault(f => !f.IsTest && Path.GetFileName(f.Path) == "schema.json");
        JsonArray? entities = null;
        try { entities = file is null ? null : JsonNode.Parse(file.Content)?["entities"] as JsonArray; }
        catch (JsonException) { }
        if (file is not null && entities is not null) return (file, entities);
        issues.Add(Issue(Severity.High, Rule, file?.Path, null, file is null
                ? "The page has no schema.json, so none of the request's records reach it."
                : "The page's schema.json has no readable entities list.",
            "Regenerate the frontend from the spec."));
        return null;
    }

    static void CheckPage(EntitySpec entity, SourceFile file, JsonArray entities, List<ReviewIssue> issues)
    {
        var where = $"the page ({file.Path})";
        var node = entities.OfType<JsonObject>().FirstOrDefault(e => (string?)e["name"] == entity.Name);
        var entityLine = LineOf(file, $"\"{entity.Name}\"", 0);
        if (node?["fields"] is not JsonArray fields)
        {
            issues.Add(Missing(entity, null, where, file.Path, entityLine));
            return;
        }
        foreach (var field in entity.Fields)
        {
            var found = fields.OfType<JsonObject>().FirstOrDefault(f => (string?)f["name"] == field.JsonName);
            var line = LineOf(file, $"\"{field.JsonName}\"", entityLine ?? 0) ?? entityLine;
            var type = (string?)found?["type"];
            if (found is null) issues.Add(Missing(entity, field, where, file.Path, entityLine));
            else if (type is not null && !FieldRepresentation.For(field.Type).AcceptsPage(type))
                issues.Add(Mistyped(entity, field, where, FieldRepresentation.For(field.Type).PageTypes[0], type, file.Path, line));
            else if (field.Options.Count > 0 && found["options"] is JsonArray options && !SameOptions(field.Options, [.. options.Select(o => (string?)o ?? "")]))
                issues.Add(Mistyped(entity, field, where, $"one of [{string.Join(", ", field.Options)}]", options.ToJsonString(), file.Path, line));
        }
    }

    static bool SameOptions(IReadOnlyList<string> wanted, IReadOnlyList<string>? actual) =>
        actual is not null && wanted.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(actual.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/> at or after line index <paramref name="from"/>.</summary>
    internal static int? LineOf(SourceFile file, string text, int from)
    {
        var lines = file.Lines;
        for (var i = Math.Max(0, from - 1); i < lines.Length; i++)
            if (lines[i].Contains(text, StringComparison.Ordinal)) return i + 1;
        return null;
    }

    internal static string Describe(EntitySpec entity, FieldSpec? field) =>
        field is null ? $"The {entity.Name} records" : $"{entity.Name}.{field.JsonName} ({Coder.Frontend.FrontendAssets.TypeName(field.Type)})";

    internal static ReviewIssue Missing(EntitySpec entity, FieldSpec? field, string where, string? file, int? line) =>
        Issue(Severity.High, Rule, file, line, $"{Describe(entity, field)}, asked for by the request, {(field is null ? "are" : "is")} missing from {where}.",
            "Generate the app again from the spec so every entity and field the request asked for is there.");

    internal static ReviewIssue Mistyped(EntitySpec entity, FieldSpec field, string where, string expected, string actual, string? file, int? line) =>
        Issue(Severity.High, Rule, file, line, $"{Describe(entity, field)} should be {expected} in {where}, but is {actual}.",
            "Generate the app again from the spec so each field has the type the request asked for.");

    /// <summary>
    /// A conformance finding. Findings about the contract name it in the message, not as the issue's file: the
    /// offline Coder removes foreign files that blocking findings name, and the contract is the Architect's.
    /// </summary>
    static ReviewIssue Issue(Severity severity, string rule, string? file, int? line, string message, string suggestion, bool blocking = true) =>
        new(ReviewCategory.SpecConformance, severity, rule, file, line, message, suggestion, blocking);
}
