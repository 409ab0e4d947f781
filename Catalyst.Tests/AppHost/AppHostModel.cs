using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// What Catalyst.AppHost/AppHost.cs declares, read with Roslyn from its source: the AppHost cannot be built
/// here (Aspire does not restore), but its source can still be held to what the services read.
/// </summary>
public sealed record AppHostModel(IReadOnlyDictionary<string, AppHostResource> Resources)
{
    public static AppHostModel Parse(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        var variables = new Dictionary<string, string>();
        var resources = new Dictionary<string, AppHostResource>();

        foreach (var statement in root.DescendantNodes().OfType<GlobalStatementSyntax>().Select(g => g.Statement))
        {
            var (variable, expression) = statement switch
            {
                LocalDeclarationStatementSyntax local when local.Declaration.Variables.Single().Initializer is { } init =>
                    (local.Declaration.Variables.Single().Identifier.Text, init.Value),
                ExpressionStatementSyntax expr => ((string?)null, expr.Expression),
                _ => (null, null),
            };
            if (expression is null) continue;

            var (receiver, calls) = Flatten(expression);
            var start = receiver is IdentifierNameSyntax id && variables.TryGetValue(id.Identifier.Text, out var name) ? resources[name] : null;
            var resource = ResourceFrom(start, calls, variables, resources);
            if (resource is null) continue;
            if (variable is not null) variables[variable] = resource.Name;
        }
        return new AppHostModel(resources);
    }

    static AppHostResource? ResourceFrom(
        AppHostResource? current, List<Call> calls, Dictionary<string, string> variables, Dictionary<string, AppHostResource> resources)
    {
        foreach (var call in calls)
        {
            if (call.Name.StartsWith("Add", StringComparison.Ordinal) && call.Arguments.FirstOrDefault() is LiteralExpressionSyntax literal)
            {
                var parent = current?.Name;
                current = new AppHostResource(literal.Token.ValueText, call.Name, call.TypeArgument, parent);
                resources[current.Name] = current;
                continue;
            }
            if (current is null) continue;
            var argumentNames = call.Arguments.Select(a => a switch
            {
                IdentifierNameSyntax id => variables.GetValueOrDefault(id.Identifier.Text, id.Identifier.Text),
                LiteralExpressionSyntax lit => lit.Token.ValueText,
                _ => a.ToString(),
            }).ToList();
            current.Calls.Add((call.Name, argumentNames));
        }
        return current;
    }

    sealed record Call(string Name, string? TypeArgument, IReadOnlyList<ExpressionSyntax> Arguments);

    /// <summary>builder.A(x).B(y).C() as (builder, [A, B, C]), innermost first.</summary>
    static (ExpressionSyntax Receiver, List<Call> Calls) Flatten(ExpressionSyntax expression)
    {
        var calls = new List<Call>();
        while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation)
        {
            var typeArgument = member.Name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments.Single().ToString() : null;
            calls.Add(new Call(member.Name.Identifier.Text, typeArgument, invocation.ArgumentList.Arguments.Select(a => a.Expression).ToList()));
            expression = member.Expression;
        }
        calls.Reverse();
        return (expression, calls);
    }
}

public sealed record AppHostResource(string Name, string AddedWith, string? ProjectType, string? Parent)
{
    public List<(string Method, List<string> Arguments)> Calls { get; } = [];

    public IEnumerable<string> ArgumentsOf(string method) => Calls.Where(c => c.Method == method).SelectMany(c => c.Arguments);

    public bool Has(string method) => Calls.Any(c => c.Method == method);
}
