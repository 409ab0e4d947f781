using System.Text;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Dotnet;

/// <summary>Per entity: the model with its validation, and its endpoint group.</summary>
static class DotnetEntityFiles
{
    const string EmailCheck = """

            [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
            private static partial Regex EmailPattern();

        """;

    static readonly string PhoneCheck = $$"""

            [GeneratedRegex({{CSharp.Verbatim(Architect.OpenApiContract.PhonePattern)}})]
            private static partial Regex PhonePattern();

        """;

    const string WebAddressCheck = """

            static bool IsWebAddress(string value) =>
                global::System.Uri.TryCreate(value, global::System.UriKind.Absolute, out var uri) && (uri.Scheme == global::System.Uri.UriSchemeHttp || uri.Scheme == global::System.Uri.UriSchemeHttps);

        """;

    static bool HasField(EntitySpec e, FieldType type) => e.Fields.Any(f => f.Type == type);

    public static GeneratedFile Model(AppSpec spec, EntitySpec e)
    {
        var props = new StringBuilder();
        foreach (var f in e.Fields) props.Append($"    public {CSharp.PropertyType(f)} {f.Name} {{ get; set; }}{CSharp.Initializer(f)}\n");
        if (spec.Features.Tags) props.Append("    public List<string> Tags { get; set; } = [];\n");

        var inputs = string.Join(", ", e.Fields.Select(f => $"{CSharp.InputType(f)} {f.Name}").Concat(spec.Features.Tags ? ["List<string>? Tags"] : []));
        var checks = new StringBuilder();
        foreach (var f in e.Fields) checks.Append(Check(f));
        if (spec.Features.Tags)
            checks.Append("        if (Tags is { Count: > 20 } || Tags?.Any(t => t is null || t.Length > 50) == true) errors[\"tags\"] = [\"At most 20 tags of at most 50 characters.\"];\n");
        var apply = new StringBuilder();
        foreach (var f in e.Fields) apply.Append($"        target.{f.Name} = {CSharp.Assign(f)};\n");
        if (spec.Features.Tags) apply.Append("        target.Tags = Tags?.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];\n");

        return new($"{AppLayout.Model(spec, e)}", $$"""
            {{(HasField(e, FieldType.Email) || HasField(e, FieldType.Phone) ? "using System.Text.RegularExpressions;\n" : "")}}using {{spec.Identifier}}.Data;

            namespace {{spec.Identifier}}.Models;

            /// <summary>A stored {{e.Label}}.</summary>
            public sealed class {{e.Name}} : IRecord
            {
                public Guid Id { get; init; }
            {{(spec.Features.Ownership ? "    public Guid OwnerId { get; init; }\n" : "")}}{{props}}    public DateTimeOffset CreatedAt { get; init; }
            }

            /// <summary>What a client sends to create or replace a {{e.Label}}.</summary>
            public sealed partial record {{e.Name}}Input({{inputs}})
            {
                public Dictionary<string, string[]> Validate()
                {
                    var errors = new Dictionary<string, string[]>();
            {{checks}}        return errors;
                }

                public void ApplyTo({{e.Name}} target)
                {
            {{apply}}    }
            {{(HasField(e, FieldType.Email) ? EmailCheck : "")}}{{(HasField(e, FieldType.Phone) ? PhoneCheck : "")}}{{(HasField(e, FieldType.Url) ? WebAddressCheck : "")}}}

            """);
    }

    static string Check(FieldSpec f)
    {
        var key = CSharp.Literal(f.JsonName);
        var label = f.Label;
        var lines = new StringBuilder();
        if (CSharp.IsText(f))
        {
            var max = f.Type == FieldType.Text ? 5000 : 200;
            if (f.Required) lines.Append($"        if (string.IsNullOrWhiteSpace({f.Name})) errors[{key}] = [\"{label} is required.\"];\n        else ");
            else lines.Append("        ");
            lines.Append($"if ({f.Name} is {{ Length: > {max} }}) errors[{key}] = [\"{label} must be at most {max} characters.\"];\n");
            if (f.Type == FieldType.Email) lines.Append($"        else if (!string.IsNullOrWhiteSpace({f.Name}) && !EmailPattern().IsMatch({f.Name}.Trim())) errors[{key}] = [\"{label} must be an email address.\"];\n");
            if (f.Type == FieldType.Url) lines.Append($"        else if (!string.IsNullOrWhiteSpace({f.Name}) && !IsWebAddress({f.Name}.Trim())) errors[{key}] = [\"{label} must be an absolute http or https URL.\"];\n");
            if (f.Type == FieldType.Phone) lines.Append($"        else if (!string.IsNullOrWhiteSpace({f.Name}) && !PhonePattern().IsMatch({f.Name}.Trim())) errors[{key}] = [\"{label} must be a phone number (digits, spaces, dashes, brackets, an optional leading +).\"];\n");
            return lines.ToString();
        }
        if (f.Type == FieldType.Enum)
        {
            var options = string.Join(", ", f.Options.Select(CSharp.Literal));
            if (f.Required) lines.Append($"        if (string.IsNullOrWhiteSpace({f.Name})) errors[{key}] = [\"{label} is required.\"];\n        else ");
            else lines.Append($"        if (!string.IsNullOrWhiteSpace({f.Name}) && ");
            lines.Append(f.Required ? "if (" : "");
            lines.Append($"!new string[] {{ {options} }}.Contains({f.Name}.Trim().ToLowerInvariant())) errors[{key}] = [{CSharp.Literal($"{label} must be one of: {string.Join(", ", f.Options)}.")}];\n");
            return lines.ToString();
        }
        if (f.Required && f.Type != FieldType.Boolean) lines.Append($"        if ({f.Name} is null) errors[{key}] = [\"{label} is required.\"];\n");
        if (f.Type == FieldType.Money) lines.Append($"        if ({f.Name} < 0) errors[{key}] = [\"{label} cannot be negative.\"];\n");
        if (f.Type == FieldType.Integer) lines.Append(BoundsCheck(f, key));
        if (f.Type == FieldType.StringList)
            lines.Append($"        if ({f.Name} is {{ Count: > 100 }} || {f.Name}?.Any(v => v is null || v.Length > 200) == true) errors[{key}] = [\"{label} takes at most 100 entries of at most 200 characters.\"];\n");
        return lines.ToString();
    }

    /// <summary>An integer's inclusive range: 0 and up unless the spec bounds it ("a rating from 1 to 5").</summary>
    static string BoundsCheck(FieldSpec f, string key)
    {
        var minimum = f.Minimum ?? 0;
        var (test, message) = f.Maximum is { } maximum
            ? ($"{f.Name} < {minimum} || {f.Name} > {maximum}", $"{f.Label} must be between {minimum} and {maximum}.")
            : ($"{f.Name} < {minimum}", minimum == 0 ? $"{f.Label} cannot be negative." : $"{f.Label} must be at least {minimum}.");
        return $"        if ({test}) errors[{key}] = [{CSharp.Literal(message)}];\n";
    }

    public static GeneratedFile Endpoints(AppSpec spec, EntitySpec e)
    {
        var own = spec.Features.Ownership;
        var user = spec.Features.Auth ? ", ClaimsPrincipal user" : "";
        var owner = own ? "        var owner = user.UserId();\n" : "";
        var mine = own ? " && item.OwnerId == owner" : "";
        var refs = e.References.ToList();
        var refStores = string.Concat(refs.Select(r => $", JsonStore<{r.References}> {Plural(r)}"));
        var refArgs = string.Concat(refs.Select(r => $", {Plural(r)}")) + (own ? ", owner" : "");
        var totals = spec.Features.Aggregates.Where(a => a.Entity == e.Name).ToList();

        var filters = new StringBuilder();
        var filterParams = new StringBuilder();
        if (spec.Features.Search)
        {
            filterParams.Append(", [FromQuery(Name = \"q\")] string? search");
            filters.Append("        if (!string.IsNullOrWhiteSpace(search)) items = items.Where(i => Matches(i, search.Trim()));\n");
        }
        if (spec.Features.Tags)
        {
            filterParams.Append(", [FromQuery(Name = \"tag\")] string? tag");
            filters.Append("        if (!string.IsNullOrWhiteSpace(tag)) items = items.Where(i => i.Tags.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase));\n");
        }
        foreach (var f in e.Fields.Where(f => f.Filterable))
        {
            var type = f.Type switch { FieldType.Boolean => "bool?", FieldType.Reference => "Guid?", _ => "string?" };
            filterParams.Append($", [FromQuery(Name = {CSharp.Literal(f.JsonName)})] {type} {f.JsonName}Filter");
            filters.Append(f.Type switch
            {
                FieldType.Boolean or FieldType.Reference => $"        if ({f.JsonName}Filter is {{ }} {f.JsonName}Value) items = items.Where(i => i.{f.Name} == {f.JsonName}Value);\n",
                _ => $"        if (!string.IsNullOrWhiteSpace({f.JsonName}Filter)) items = items.Where(i => string.Equals(i.{f.Name}, {f.JsonName}Filter.Trim(), StringComparison.OrdinalIgnoreCase));\n",
            });
        }

        if (e.Fields.Any(CSharp.Sorts)) filterParams.Append(", [FromQuery(Name = \"sort\")] string? sort");

        var searchable = e.Fields.Where(f => CSharp.IsText(f) || f.Type == FieldType.StringList).ToList();
        var matches = spec.Features.Search
            ? $$"""

                static bool Matches({{e.Name}} item, string text) =>
                    new[] { {{string.Join(", ", searchable.Select(f => f.Type == FieldType.StringList ? $"string.Join(' ', item.{f.Name})" : $"item.{f.Name}").Concat(spec.Features.Tags ? ["string.Join(' ', item.Tags)"] : []).DefaultIfEmpty("\"\"" ))}} }
                        .Any(value => value?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
            """ : "";

        var refChecks = new StringBuilder();
        foreach (var r in refs)
        {
            var target = spec.Entity(r.References!)!;
            refChecks.Append($"        if (input.{r.Name} is {{ }} {r.JsonName}Value && ({Plural(r)}.Find({r.JsonName}Value) is not {{ }} {r.JsonName}Record{(own ? $" || {r.JsonName}Record.OwnerId != owner" : "")}))\n");
            refChecks.Append($"            errors[{CSharp.Literal(r.JsonName)}] = [\"{r.JsonName} does not match any {target.Label}.\"];\n");
        }
        var checkReferences = refs.Count == 0 ? "" : $$"""

                static void CheckReferences({{e.Name}}Input input, Dictionary<string, string[]> errors{{refStores}}{{(own ? ", Guid owner" : "")}})
                {
            {{refChecks}}    }
            """;
        var callCheck = refs.Count == 0 ? "" : $"        CheckReferences(input, errors{refArgs});\n";

        var totalsMethods = new StringBuilder();
        var totalsMaps = new StringBuilder();
        foreach (var t in totals)
        {
            var sum = e.Fields.First(f => f.Name == t.SumField);
            var by = e.Fields.First(f => f.Name == t.GroupBy);
            totalsMaps.Append($"        api.MapGet(\"/totals\", Totals);\n");
            totalsMethods.Append($$"""

                static IResult Totals(JsonStore<{{e.Name}}> store{{user}})
                {
            {{owner}}        var totals = store.All(){{(own ? ".Where(item => item.OwnerId == owner)" : "")}}
                        .GroupBy(item => {{CSharp.AsKey(by, "item")}})
                        .OrderBy(group => group.Key, StringComparer.Ordinal)
                        .Select(group => new { key = group.Key, total = group.Sum(item => item.{{sum.Name}}{{(sum.Required ? "" : " ?? 0")}}), count = group.Count() })
                        .ToList();
                    return Results.Ok(totals);
                }
            """);
            break; // one totals endpoint per entity
        }

        var usings = spec.Features.Auth ? $"using System.Security.Claims;\nusing {spec.Identifier}.Auth;\n" : "";
        // Aliases win over namespace imports: an entity may share its name with a framework type (Host, Route, Lock).
        usings += string.Concat(spec.Entities.Select(x => $"using {x.Name} = {spec.Identifier}.Models.{x.Name};\n"));
        return new(AppLayout.Endpoints(spec, e), $$"""
            {{usings}}using Microsoft.AspNetCore.Mvc;
            using {{spec.Identifier}}.Data;
            using {{spec.Identifier}}.Models;

            namespace {{spec.Identifier}}.Endpoints;

            /// <summary>/api/{{e.Route}}: create, list, read, replace and delete {{e.Label}} records.</summary>
            public static class {{e.Name}}Endpoints
            {
                public static RouteGroupBuilder Map{{e.Name}}Endpoints(this IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/api/{{e.Route}}").WithTags("{{e.Plural}}");
            {{(spec.Features.Auth ? "        api.RequireAuthorization();\n" : "")}}        api.MapGet("/", List);
            {{totalsMaps}}        api.MapGet("/{id:guid}", Get);
                    api.MapPost("/", Create);
                    api.MapPut("/{id:guid}", Update);
                    api.MapDelete("/{id:guid}", Delete);
                    return api;
                }

                static IResult List(JsonStore<{{e.Name}}> store{{user}}{{filterParams}})
                {
            {{owner}}        IEnumerable<{{e.Name}}> items = store.All(){{(own ? ".Where(item => item.OwnerId == owner)" : "")}};
            {{filters}}{{Sorting(e)}}
                }

                static IResult Get(Guid id, JsonStore<{{e.Name}}> store{{user}})
                {
            {{owner}}        return store.Find(id) is { } item{{mine}} ? Results.Ok(item) : NotFound(id);
                }

                static IResult Create({{e.Name}}Input input, JsonStore<{{e.Name}}> store{{refStores}}{{user}})
                {
            {{owner}}        var errors = input.Validate();
            {{callCheck}}        if (errors.Count > 0) return Results.ValidationProblem(errors);
                    var item = new {{e.Name}} { Id = Guid.NewGuid(), {{(own ? "OwnerId = owner, " : "")}}CreatedAt = DateTimeOffset.UtcNow };
                    input.ApplyTo(item);
                    store.Add(item);
                    return Results.Created($"/api/{{e.Route}}/{item.Id}", item);
                }

                static IResult Update(Guid id, {{e.Name}}Input input, JsonStore<{{e.Name}}> store{{refStores}}{{user}})
                {
            {{owner}}        if (store.Find(id) is not { } item{{(own ? " || item.OwnerId != owner" : "")}}) return NotFound(id);
                    var errors = input.Validate();
            {{callCheck}}        if (errors.Count > 0) return Results.ValidationProblem(errors);
                    // A new object, so readers of the stored one never see a half-applied change.
                    var updated = new {{e.Name}} { Id = item.Id, {{(own ? "OwnerId = item.OwnerId, " : "")}}CreatedAt = item.CreatedAt };
                    input.ApplyTo(updated);
                    store.Replace(updated);
                    return Results.Ok(updated);
                }

                static IResult Delete(Guid id, JsonStore<{{e.Name}}> store{{user}})
                {
            {{owner}}        if (store.Find(id) is not { } item{{(own ? " || item.OwnerId != owner" : "")}}) return NotFound(id);
                    store.Remove(item.Id);
                    return Results.NoContent();
                }
            {{totalsMethods}}{{checkReferences}}{{matches}}

                static IResult NotFound(Guid id) =>
                    Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {{e.Label}} with id {id}.");
            }

            """);
    }

    /// <summary>Oldest first; ?sort=field or ?sort=-field reorders by a sortable field (ties stay oldest first).</summary>
    static string Sorting(EntitySpec e)
    {
        var sortable = e.Fields.Where(CSharp.Sorts).ToList();
        if (sortable.Count == 0) return "        return Results.Ok(items.OrderBy(i => i.CreatedAt).ToList());";
        var cases = new StringBuilder();
        foreach (var f in sortable)
        {
            var comparer = CSharp.IsTextual(f) ? ", StringComparer.OrdinalIgnoreCase" : "";
            cases.Append($"            case {CSharp.Literal(f.JsonName)}: ordered = ordered.OrderBy(i => i.{f.Name}{comparer}); break;\n");
            cases.Append($"            case {CSharp.Literal("-" + f.JsonName)}: ordered = ordered.OrderByDescending(i => i.{f.Name}{comparer}); break;\n");
        }
        var allowed = string.Join(", ", sortable.Select(f => f.JsonName)) + " (a leading - sorts descending)";
        return $$"""
                    IEnumerable<{{e.Name}}> ordered = items.OrderBy(i => i.CreatedAt);
                    switch (sort?.Trim())
                    {
                        case null or "": break;
            {{cases}}            default:
                            return Results.ValidationProblem(new Dictionary<string, string[]> { ["sort"] = [{{CSharp.Literal($"sort must be one of: {allowed}.")}}] });
                    }
                    return Results.Ok(ordered.ToList());
            """;
    }

    static string Plural(FieldSpec reference) => char.ToLowerInvariant(reference.References![0]) + reference.References[1..] + "Records";
}
