using System.Text.RegularExpressions;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Understanding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>
/// The spec's fields in the API code. .NET: the entity's model type (and its input record, when there is one)
/// has a property per field with a compatible C# type, read with Roslyn. Node: the entity's model
/// (src/models/{route}.js) validates each field with the validator of its type.
/// </summary>
public sealed partial class ApiCodeConformance
{
    sealed record Member(string Name, string Type, string? JsonName, int Line);
    sealed record CSharpType(string Name, string File, int Line, IReadOnlyList<Member> Members);

    readonly AppSpec spec;
    readonly SourceTree tree;
    readonly ILookup<string, CSharpType> types;
    readonly HashSet<string> enums = new(StringComparer.Ordinal);

    public ApiCodeConformance(AppSpec spec, SourceTree tree)
    {
        this.spec = spec;
        this.tree = tree;
        var declared = new List<CSharpType>();
        foreach (var file in spec.Stack == AppStack.Dotnet ? tree.Files.Where(f => f.IsCSharp && !f.IsTest) : [])
        {
            var root = CSharpSyntaxTree.ParseText(file.Content).GetRoot();
            foreach (var e in root.DescendantNodes().OfType<EnumDeclarationSyntax>()) enums.Add(e.Identifier.ValueText);
            declared.AddRange(root.DescendantNodes().OfType<TypeDeclarationSyntax>().Select(t => new CSharpType(t.Identifier.ValueText, file.Path, Line(t), Members(t))));
        }
        types = declared.ToLookup(t => t.Name, StringComparer.Ordinal);
    }

    public IEnumerable<ReviewIssue> Check(EntitySpec entity) => spec.Stack == AppStack.Node ? CheckNode(entity) : CheckDotnet(entity);

    IEnumerable<ReviewIssue> CheckDotnet(EntitySpec entity)
    {
        var model = types[entity.Name].FirstOrDefault();
        if (model is null)
        {
            yield return SpecConformance.Missing(entity, null, $"the API code (no C# type {entity.Name}; expected in {AppLayout.Model(spec, entity)})", null, null);
            yield break;
        }
        var checkedTypes = new[] { model, types[$"{entity.Name}Input"].FirstOrDefault() }.OfType<CSharpType>();
        foreach (var type in checkedTypes)
        {
            var where = $"the C# {(type == model ? "model" : "input")} {type.Name} ({type.File})";
            foreach (var field in entity.Fields)
            {
                var member = type.Members.FirstOrDefault(m => m.JsonName == field.JsonName)
                    ?? type.Members.FirstOrDefault(m => m.JsonName is null && string.Equals(m.Name, field.Name, StringComparison.OrdinalIgnoreCase));
                var expected = FieldRepresentation.For(field.Type);
                if (member is null)
                    yield return SpecConformance.Missing(entity, field, where, type.File, type.Line);
                else if (!expected.AcceptsCSharp(member.Type, field.Type, enums))
                    yield return SpecConformance.Mistyped(entity, field, where, string.Join(" or ", expected.CSharpTypes.Take(2)), member.Type, type.File, member.Line);
            }
        }
    }

    IEnumerable<ReviewIssue> CheckNode(EntitySpec entity)
    {
        var path = AppLayout.Model(spec, entity);
        var model = tree.Find(path);
        if (model is null)
        {
            yield return SpecConformance.Missing(entity, null, $"the API code (no validation model {path})", null, null);
            yield break;
        }
        var where = $"the Node model ({path})";
        var lines = model.Lines;
        foreach (var field in entity.Fields)
        {
            var key = new Regex($@"^\s*(?:[""'`]{Regex.Escape(field.JsonName)}[""'`]|{Regex.Escape(field.JsonName)})\s*:");
            var index = Array.FindIndex(lines, l => key.IsMatch(l));
            if (index < 0)
            {
                yield return SpecConformance.Missing(entity, field, where, path, SpecConformance.LineOf(model, "function validate", 0));
                continue;
            }
            var checker = NodeChecker().Match(lines[index]) is { Success: true } call ? call.Groups["checker"].Value
                : NodeTypeProperty().Match(lines[index]) is { Success: true } typed ? typed.Groups["checker"].Value : null;
            var expected = FieldRepresentation.For(field.Type);
            if (checker is not null && !expected.AcceptsNode(checker))
                yield return SpecConformance.Mistyped(entity, field, where, $"checked by v.{expected.NodeCheckers[0]}", $"checked by v.{checker}", path, index + 1);
        }
    }

    static IReadOnlyList<Member> Members(TypeDeclarationSyntax type)
    {
        var members = type.Members.OfType<PropertyDeclarationSyntax>()
            .Select(p => new Member(p.Identifier.ValueText, p.Type.ToString(), JsonName(p.AttributeLists), Line(p))).ToList();
        if (type.ParameterList is { } parameters)
            members.AddRange(parameters.Parameters.Where(p => p.Type is not null)
                .Select(p => new Member(p.Identifier.ValueText, p.Type!.ToString(), JsonName(p.AttributeLists), Line(p))));
        return members;
    }

    /// <summary>The name given by [JsonPropertyName("...")] (or [property: JsonPropertyName(...)]), if any.</summary>
    static string? JsonName(SyntaxList<AttributeListSyntax> attributes) => attributes.SelectMany(a => a.Attributes)
        .Where(a => a.Name.ToString().EndsWith("JsonPropertyName", StringComparison.Ordinal))
        .Select(a => a.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax literal ? literal.Token.ValueText : null)
        .FirstOrDefault(n => n is not null);

    static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>"title": v.string(input, ...) -> "string".</summary>
    [GeneratedRegex(@":\s*\w+\.(?<checker>\w+)\(")]
    private static partial Regex NodeChecker();

    /// <summary>title: { type: 'integer', ... } -> "integer".</summary>
    [GeneratedRegex(@"\btype\s*:\s*['""`](?<checker>[\w-]+)['""`]")]
    private static partial Regex NodeTypeProperty();
}
