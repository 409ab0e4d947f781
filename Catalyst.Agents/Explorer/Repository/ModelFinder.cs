using System.Text.RegularExpressions;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>
/// The kinds of record a repository keeps, for the Planner's "build something similar": C# records and classes
/// in a Models (or Entities, Domain) folder, Mongoose schemas and Sequelize models, Pydantic models and
/// dataclasses; and, for resources its endpoints serve that no model names, the resource alone.
/// </summary>
public static partial class ModelFinder
{
    static readonly HashSet<string> ModelFolders = new(StringComparer.OrdinalIgnoreCase) { "Models", "Model", "Entities", "Domain", "models", "schemas" };
    static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "id", "_id", "createdat", "updatedat", "ownerid", "__v" };

    public static IReadOnlyList<DiscoveredEntity> Find(RepositorySnapshot snapshot, IReadOnlyList<FoundEndpoint> endpoints)
    {
        var entities = new List<DiscoveredEntity>();
        foreach (var file in snapshot.Files.Where(f => !TestDetector.IsTestFile(f)))
        {
            if (file.Extension == ".cs" && ModelFolders.Any(file.IsUnder)) entities.AddRange(CSharp(file));
            else if (file.Extension is ".js" or ".mjs" or ".cjs" or ".ts") entities.AddRange(JavaScript(file));
            else if (file.Extension == ".py") entities.AddRange(Python(file));
        }
        var found = entities.Where(e => e.Fields.Count > 0 && !NotARecord().IsMatch(e.Name)).DistinctBy(e => e.Name).ToList();
        // Resources the API serves that no model describes: the Planner still learns they exist.
        foreach (var resource in endpoints.Select(e => Resource(e.Path)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var name = Inflector.Pascal([Inflector.Singular(resource)]);
            if (found.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            found.Add(new DiscoveredEntity(name, [new DiscoveredField("name", FieldType.String, Required: true)],
                $"endpoints under /{string.Join('/', endpoints.First(e => Resource(e.Path) == resource).Path.Split('/', StringSplitOptions.RemoveEmptyEntries).TakeWhile(s => s != resource))}/{resource}".Replace("//", "/")));
        }
        return found;
    }

    /// <summary>The resource a route serves: its last literal plural segment ("/api/products/:id" -> "products").</summary>
    static string? Resource(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.StartsWith(':') && !s.StartsWith('{') && !s.StartsWith('<') && s is not ("api" or "v1" or "v2" or "health" or "login" or "register" or "auth" or "me"))
            .ToList();
        var last = segments.LastOrDefault();
        return last is not null && last.All(c => char.IsAsciiLetterLower(c) || c == '-') && Inflector.LooksPlural(last) ? last : null;
    }

    static IEnumerable<DiscoveredEntity> CSharp(SnapshotFile file)
    {
        foreach (Match record in CSharpRecord().Matches(file.Content))
        {
            var fields = record.Groups["parameters"].Value.Split(',')
                .Select(p => CSharpParameter().Match(p.Trim())).Where(m => m.Success)
                .Select(m => Field(m.Groups["name"].Value, CSharpType(m.Groups["type"].Value, m.Groups["name"].Value), !m.Groups["type"].Value.EndsWith('?')))
                .OfType<DiscoveredField>().ToList();
            yield return new DiscoveredEntity(record.Groups["name"].Value, fields, $"{file.Path}:{LineOf(file, record.Index)}");
        }
        foreach (Match type in CSharpClass().Matches(file.Content))
        {
            var body = Body(file.Content, type.Index + type.Length - 1);
            var fields = CSharpProperty().Matches(body)
                .Select(m => Field(m.Groups["name"].Value, CSharpType(m.Groups["type"].Value, m.Groups["name"].Value),
                    m.Groups["required"].Success || body.Contains($"[Required]", StringComparison.Ordinal) && !m.Groups["type"].Value.EndsWith('?')))
                .OfType<DiscoveredField>().ToList();
            yield return new DiscoveredEntity(type.Groups["name"].Value, fields, $"{file.Path}:{LineOf(file, type.Index)}");
        }
    }

    static IEnumerable<DiscoveredEntity> JavaScript(SnapshotFile file)
    {
        foreach (Match schema in MongooseSchema().Matches(file.Content))
        {
            var body = Body(file.Content, schema.Index + schema.Length - 1);
            var name = MongooseModel().Match(file.Content) is { Success: true } model ? model.Groups["name"].Value : Inflector.Pascal([Path.GetFileNameWithoutExtension(file.Name)]);
            yield return new DiscoveredEntity(Inflector.Pascal([Inflector.Singular(name)]), JsFields(body), $"{file.Path}:{LineOf(file, schema.Index)}");
        }
        foreach (Match define in SequelizeDefine().Matches(file.Content))
        {
            var body = Body(file.Content, define.Index + define.Length - 1);
            yield return new DiscoveredEntity(Inflector.Pascal([Inflector.Singular(define.Groups["name"].Value)]), JsFields(body), $"{file.Path}:{LineOf(file, define.Index)}");
        }
    }

    static List<DiscoveredField> JsFields(string body) =>
        [.. JsField().Matches(body).Select(m =>
        {
            var declaration = m.Groups["declaration"].Value;
            var type = JsTypeName().Match(declaration) is { Success: true } t ? t.Groups["t"].Value : declaration;
            return Field(m.Groups["name"].Value, JsType(type, m.Groups["name"].Value), declaration.Contains("required: true", StringComparison.Ordinal) || declaration.Contains("allowNull: false", StringComparison.Ordinal));
        }).OfType<DiscoveredField>()];

    static IEnumerable<DiscoveredEntity> Python(SnapshotFile file)
    {
        foreach (Match model in PythonModel().Matches(file.Content))
        {
            var fields = PythonField().Matches(model.Groups["body"].Value)
                .Select(m => Field(m.Groups["name"].Value, PythonType(m.Groups["type"].Value, m.Groups["name"].Value), !m.Groups["type"].Value.Contains("Optional", StringComparison.Ordinal) && !m.Groups["default"].Success))
                .OfType<DiscoveredField>().ToList();
            yield return new DiscoveredEntity(model.Groups["name"].Value, fields, $"{file.Path}:{LineOf(file, model.Index)}");
        }
    }

    static DiscoveredField? Field(string name, FieldType type, bool required) =>
        Skipped.Contains(name) ? null : new DiscoveredField(char.ToLowerInvariant(name[0]) + name[1..], type, required, type == FieldType.Reference ? Inflector.Pascal([name[..^2]]) : null);

    static FieldType CSharpType(string type, string name) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => IsReference(name) ? FieldType.Reference : FieldType.Integer,
        "decimal" => MoneyName().IsMatch(name) ? FieldType.Money : FieldType.Decimal,
        "double" or "float" => FieldType.Decimal,
        "bool" => FieldType.Boolean,
        "DateTime" or "DateTimeOffset" => FieldType.DateTime,
        "DateOnly" => FieldType.Date,
        "Guid" => IsReference(name) ? FieldType.Reference : FieldType.String,
        var list when list.StartsWith("List<string", StringComparison.Ordinal) || list.StartsWith("IReadOnlyList<string", StringComparison.Ordinal) || list == "string[]" => FieldType.StringList,
        _ => ByName(name),
    };

    static FieldType JsType(string type, string name) => type switch
    {
        "Number" or "INTEGER" or "BIGINT" => IsReference(name) ? FieldType.Reference : MoneyName().IsMatch(name) ? FieldType.Money : FieldType.Integer,
        "DECIMAL" or "FLOAT" or "DOUBLE" => MoneyName().IsMatch(name) ? FieldType.Money : FieldType.Decimal,
        "Boolean" or "BOOLEAN" => FieldType.Boolean,
        "Date" or "DATE" or "DATEONLY" => FieldType.Date,
        "TEXT" => FieldType.Text,
        "ObjectId" => FieldType.Reference,
        _ when type.StartsWith('[') => FieldType.StringList,
        _ => ByName(name),
    };

    static FieldType PythonType(string type, string name) => type.Replace("Optional[", "").TrimEnd(']') switch
    {
        "int" => IsReference(name) ? FieldType.Reference : FieldType.Integer,
        "float" => MoneyName().IsMatch(name) ? FieldType.Money : FieldType.Decimal,
        "Decimal" => FieldType.Money,
        "bool" => FieldType.Boolean,
        "date" => FieldType.Date,
        "datetime" => FieldType.DateTime,
        "EmailStr" => FieldType.Email,
        var list when list.StartsWith("list[str", StringComparison.OrdinalIgnoreCase) || list.StartsWith("List[str", StringComparison.Ordinal) => FieldType.StringList,
        _ => ByName(name),
    };

    /// <summary>A string's kind by its name: emails, links, phones, long text.</summary>
    static FieldType ByName(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("email") => FieldType.Email,
        var n when n.EndsWith("url") || n.Contains("website") || n == "link" => FieldType.Url,
        var n when n.Contains("phone") => FieldType.Phone,
        "description" or "notes" or "body" or "content" => FieldType.Text,
        _ => FieldType.String,
    };

    static bool IsReference(string name) => name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal) && !Skipped.Contains(name);

    /// <summary>The text between the brace at <paramref name="open"/> and its match.</summary>
    static string Body(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[(open + 1)..i];
        }
        return text[(open + 1)..];
    }

    static int LineOf(SnapshotFile file, int index) => file.Content.AsSpan(0, index).Count('\n') + 1;

    /// <summary>Request, response and configuration shapes describe how records travel, not records.</summary>
    [GeneratedRegex(@"(Input|Request|Response|Dto|DTO|Options|Settings|Config|Result|Query|Command|Exception)$")] private static partial Regex NotARecord();
    [GeneratedRegex(@"(?i)price|cost|amount|total|salary|fee|balance")] private static partial Regex MoneyName();
    [GeneratedRegex(@"\brecord\s+(?:class\s+|struct\s+)?(?<name>[A-Z]\w*)\s*\((?<parameters>[^)]*)\)")] private static partial Regex CSharpRecord();
    [GeneratedRegex(@"^(?:\[[^\]]*\]\s*)*(?<type>[\w<>\[\]?,\s]+?)\s+(?<name>\w+)(\s*=.*)?$")] private static partial Regex CSharpParameter();
    [GeneratedRegex(@"\b(?:class|record)\s+(?<name>[A-Z]\w*)(?:\s*:\s*[\w<>,\s]+)?\s*\{")] private static partial Regex CSharpClass();
    [GeneratedRegex(@"public\s+(?<required>required\s+)?(?<type>[\w<>\[\]?,]+)\s+(?<name>\w+)\s*\{\s*get;")] private static partial Regex CSharpProperty();
    [GeneratedRegex(@"new\s+(?:mongoose\.)?Schema\(\s*\{")] private static partial Regex MongooseSchema();
    [GeneratedRegex(@"model\(\s*['""](?<name>\w+)['""]")] private static partial Regex MongooseModel();
    [GeneratedRegex(@"\.define\(\s*['""](?<name>\w+)['""]\s*,\s*\{")] private static partial Regex SequelizeDefine();
    [GeneratedRegex(@"(?m)^\s*(?<name>[A-Za-z_]\w*)\s*:\s*(?<declaration>\{[^{}]*\}|\[[^\]]*\]|[\w.]+)")] private static partial Regex JsField();
    [GeneratedRegex(@"type\s*:\s*(?:\w+\.)*(?<t>\w+)|DataTypes\.(?<t>\w+)|Sequelize\.(?<t>\w+)|^(?<t>\[)")] private static partial Regex JsTypeName();
    [GeneratedRegex(@"(?m)^(?:@dataclass\s*\n)?class\s+(?<name>[A-Z]\w*)\((?:BaseModel|SQLModel)[^)]*\):\s*\n(?<body>(?:[ \t]+.*\n?)+)")] private static partial Regex PythonModel();
    [GeneratedRegex(@"(?m)^[ \t]+(?<name>[a-z_]\w*)\s*:\s*(?<type>[\w\[\], ]+?)\s*(?<default>=.*)?$")] private static partial Regex PythonField();
}
