using System.Text.Json.Nodes;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Architect;

/// <summary>The app's OpenAPI 3.0 document (api-contracts/openapi.yaml), with request and response schemas.</summary>
public static class OpenApiContract
{
    public static JsonObject Build(AppSpec spec)
    {
        var schemas = new JsonObject
        {
            ["Problem"] = Object(new() { ["title"] = Str(), ["status"] = Int(), ["detail"] = Str() }, []),
            ["ValidationProblem"] = Object(new()
            {
                ["title"] = Str(), ["status"] = Int(),
                ["errors"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = Str() } },
            }, ["errors"]),
        };
        foreach (var e in spec.Entities)
        {
            var properties = new JsonObject();
            foreach (var f in e.Fields) properties[f.JsonName] = FieldSchema(f);
            if (spec.Features.Tags) properties["tags"] = new JsonObject { ["type"] = "array", ["items"] = Str() };
            var required = e.Fields.Where(f => f.Required).Select(f => f.JsonName).ToList();
            schemas[$"{e.Name}Input"] = Object(properties, required);
            var output = (JsonObject)properties.DeepClone();
            output["id"] = Str("uuid");
            output["createdAt"] = Str("date-time");
            schemas[e.Name] = Object(output, ["id", "createdAt", .. required]);
        }
        if (spec.Features.Auth)
        {
            schemas["Credentials"] = Object(new() { ["email"] = Str("email"), ["password"] = new JsonObject { ["type"] = "string", ["minLength"] = 8 } }, ["email", "password"]);
            schemas["Registered"] = Object(new() { ["id"] = Str("uuid"), ["email"] = Str("email"), ["token"] = Str() }, ["id", "email", "token"]);
            schemas["Token"] = Object(new() { ["token"] = Str() }, ["token"]);
        }

        var paths = new JsonObject();
        foreach (var endpoint in ApiSurface.Endpoints(spec))
        {
            var path = paths[endpoint.Path] as JsonObject ?? new JsonObject();
            paths[endpoint.Path] = path;
            path[endpoint.Method.ToLowerInvariant()] = Operation(spec, endpoint);
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = $"{spec.Title} API", ["version"] = "1.0.0", ["description"] = spec.Description },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
        if (spec.Features.Auth)
            ((JsonObject)document["components"]!)["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } };
        return document;
    }

    static JsonObject Operation(AppSpec spec, ApiEndpoint endpoint)
    {
        var op = new JsonObject { ["summary"] = endpoint.Summary, ["operationId"] = OperationId(endpoint) };
        var responses = new JsonObject();
        var parameters = new JsonArray();
        if (endpoint.Path.Contains("{id}")) parameters.Add(Parameter("id", "path", Str("uuid"), required: true));
        if (endpoint.Path.Contains("{code}")) parameters.Add(Parameter("code", "path", Str(), required: true));
        var entity = endpoint.Entity is null ? null : spec.Entity(endpoint.Entity);

        switch (endpoint.Kind)
        {
            case "health": responses["200"] = Json("Healthy", Object(new() { ["status"] = Str() }, ["status"])); break;
            case "hello":
                parameters.Add(Parameter("name", "query", new JsonObject { ["type"] = "string", ["maxLength"] = 100 }, required: false));
                responses["200"] = Json("A greeting", Object(new() { ["message"] = Str() }, ["message"]));
                responses["400"] = Ref("The name is too long", "ValidationProblem");
                break;
            case "counter": responses["200"] = Json("The counter", Object(new() { ["value"] = Int() }, ["value"])); break;
            case "calculate":
                op["requestBody"] = Body(Object(new()
                {
                    ["a"] = new JsonObject { ["type"] = "number" }, ["b"] = new JsonObject { ["type"] = "number" },
                    ["op"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("add", "subtract", "multiply", "divide") },
                }, ["a", "b", "op"]));
                responses["200"] = Json("The result", Object(new() { ["result"] = new JsonObject { ["type"] = "number" } }, ["result"]));
                responses["400"] = Ref("Unknown operation or division by zero", "ValidationProblem");
                break;
            case "links" when endpoint.Method == "POST":
                op["requestBody"] = Body(Object(new() { ["url"] = Str("uri") }, ["url"]));
                responses["201"] = Json("Shortened", Link());
                responses["400"] = Ref("Not an absolute http(s) URL", "ValidationProblem");
                break;
            case "links": responses["200"] = Json("Short links", new JsonObject { ["type"] = "array", ["items"] = Link() }); break;
            case "redirect": responses["302"] = new JsonObject { ["description"] = "Redirect to the original URL" }; responses["404"] = Ref("Unknown code", "Problem"); break;
            case "register":
                op["requestBody"] = Body(SchemaRef("Credentials"));
                responses["201"] = Ref("Registered and signed in", "Registered");
                responses["400"] = Ref("Invalid email or too short a password", "ValidationProblem");
                responses["409"] = Ref("Email already registered", "Problem");
                break;
            case "login":
                op["requestBody"] = Body(SchemaRef("Credentials"));
                responses["200"] = Ref("Signed in", "Token");
                responses["401"] = Ref("Wrong email or password", "Problem");
                break;
            case "me": responses["200"] = Json("The user", Object(new() { ["id"] = Str("uuid"), ["email"] = Str("email") }, ["id", "email"])); break;
            case "list":
                if (spec.Features.Search) parameters.Add(Parameter("q", "query", Str(), required: false));
                if (spec.Features.Tags) parameters.Add(Parameter("tag", "query", Str(), required: false));
                foreach (var f in entity!.Fields.Where(f => f.Filterable)) parameters.Add(Parameter(f.JsonName, "query", TypeSchema(f), required: false));
                if (entity.Fields.Any(f => f.Sortable && f.Type != FieldType.StringList))
                {
                    var sort = Parameter("sort", "query", SortSchema(entity), required: false);
                    sort["description"] = "Order by a field, ascending; a leading '-' orders descending.";
                    parameters.Add(sort);
                    responses["400"] = Ref("Unknown sort field", "ValidationProblem");
                }
                responses["200"] = Json($"{entity.Label} records", new JsonObject { ["type"] = "array", ["items"] = SchemaRef(entity.Name) });
                break;
            case "create":
                op["requestBody"] = Body(SchemaRef($"{entity!.Name}Input"));
                responses["201"] = Ref("Created", entity.Name);
                responses["400"] = Ref("Invalid data", "ValidationProblem");
                break;
            case "get": responses["200"] = Ref("Found", entity!.Name); responses["404"] = Ref("Not found", "Problem"); break;
            case "update":
                op["requestBody"] = Body(SchemaRef($"{entity!.Name}Input"));
                responses["200"] = Ref("Replaced", entity.Name);
                responses["400"] = Ref("Invalid data", "ValidationProblem");
                responses["404"] = Ref("Not found", "Problem");
                break;
            case "delete": responses["204"] = new JsonObject { ["description"] = "Deleted" }; responses["404"] = Ref("Not found", "Problem"); break;
            case "totals":
                responses["200"] = Json("Totals per group", new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = Object(new() { ["key"] = Str(), ["total"] = new JsonObject { ["type"] = "number" }, ["count"] = Int() }, ["key", "total", "count"]),
                });
                break;
            default: ArchetypeContracts.Describe(endpoint, op, responses); break;
        }
        if (endpoint.NeedsAuth)
        {
            op["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
            responses["401"] = Ref("Missing or invalid token", "Problem");
        }
        if (parameters.Count > 0) op["parameters"] = parameters;
        op["responses"] = responses;
        return op;
    }

    static string OperationId(ApiEndpoint endpoint)
    {
        var words = endpoint.Path.Split(['/', '{', '}', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w != "api").ToList();
        return endpoint.Method.ToLowerInvariant() + Inflector.Pascal(words);
    }

    /// <summary>What a phone number may look like: digits with spaces, dashes, dots and brackets, an optional leading +.</summary>
    public const string PhonePattern = @"^\+?[0-9(][0-9 ().-]{3,28}[0-9]$";

    /// <summary>The JSON schema of a field; optional fields may be null.</summary>
    public static JsonObject FieldSchema(FieldSpec f)
    {
        var schema = TypeSchema(f);
        if (!f.Required && f.Type is not (FieldType.Boolean or FieldType.StringList)) schema["nullable"] = true;
        return schema;
    }

    static JsonObject TypeSchema(FieldSpec f) => f.Type switch
    {
        FieldType.String => new JsonObject { ["type"] = "string", ["maxLength"] = 200 },
        FieldType.Text => new JsonObject { ["type"] = "string", ["maxLength"] = 5000 },
        FieldType.Email => Str("email"),
        FieldType.Url => Str("uri"),
        FieldType.Phone => new JsonObject { ["type"] = "string", ["format"] = "tel", ["pattern"] = PhonePattern },
        FieldType.Money => new JsonObject { ["type"] = "number", ["minimum"] = 0 },
        FieldType.Decimal => new JsonObject { ["type"] = "number" },
        FieldType.Integer => Bounded(f),
        FieldType.Boolean => new JsonObject { ["type"] = "boolean" },
        FieldType.Date => Str("date"),
        FieldType.DateTime => Str("date-time"),
        FieldType.Enum => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. f.Options.Select(o => (JsonNode)o)]) },
        FieldType.StringList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 } },
        _ => Str("uuid"),
    };

    static JsonObject Bounded(FieldSpec f)
    {
        var schema = new JsonObject { ["type"] = "integer", ["minimum"] = f.Minimum ?? 0 };
        if (f.Maximum is { } maximum) schema["maximum"] = maximum;
        return schema;
    }

    /// <summary>?sort=: each sortable field ascending, or descending with a leading '-'.</summary>
    public static JsonObject SortSchema(EntitySpec e) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. e.Fields.Where(f => f.Sortable && f.Type != FieldType.StringList).SelectMany(f => new[] { f.JsonName, "-" + f.JsonName }).Select(v => (JsonNode)v)]),
    };

    static JsonObject Link() => Object(new() { ["code"] = Str(), ["url"] = Str("uri"), ["shortUrl"] = Str() }, ["code", "url", "shortUrl"]);
    static JsonObject Str(string? format = null) => format is null ? new() { ["type"] = "string" } : new() { ["type"] = "string", ["format"] = format };
    static JsonObject Int() => new() { ["type"] = "integer" };
    static JsonObject SchemaRef(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    static JsonObject Object(JsonObject properties, List<string> required)
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0) schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        return schema;
    }

    static JsonObject Parameter(string name, string location, JsonObject schema, bool required) =>
        new() { ["name"] = name, ["in"] = location, ["required"] = required, ["schema"] = schema };

    static JsonObject Body(JsonObject schema) =>
        new() { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } };

    static JsonObject Json(string description, JsonObject schema) =>
        new() { ["description"] = description, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } };

    static JsonObject Ref(string description, string schema) => Json(description, SchemaRef(schema));
}
