using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>A unit of C# code that runs as one: a method, constructor, accessor, local function, lambda with a body, or the top-level statements.</summary>
public sealed record MethodMetrics(string File, string Name, int Line, int Lines, int Complexity);

public sealed record FileMetrics(string File, int Lines, int Methods);

public sealed record CSharpReport(IReadOnlyList<FileMetrics> Files, IReadOnlyList<MethodMetrics> Methods);

/// <summary>
/// Size and cyclomatic complexity of C# code, from Roslyn's syntax trees. A lambda with a block body and a
/// local function are measured on their own and not again in the method around them, so a minimal API's
/// Map method is not charged for its handlers.
/// </summary>
public static class CSharpMetrics
{
    public static CSharpReport Measure(IEnumerable<SourceFile> files)
    {
        var fileMetrics = new List<FileMetrics>();
        var methods = new List<MethodMetrics>();
        foreach (var file in files.Where(f => f.IsCSharp))
        {
            var root = CSharpSyntaxTree.ParseText(file.Content, path: file.Path).GetRoot();
            var units = Units(root).ToList();
            foreach (var (name, nodes) in units)
            {
                var first = nodes[0].GetLocation().GetLineSpan().StartLinePosition.Line;
                var last = nodes[^1].GetLocation().GetLineSpan().EndLinePosition.Line;
                methods.Add(new MethodMetrics(file.Path, name, first + 1, last - first + 1, 1 + nodes.Sum(Decisions)));
            }
            fileMetrics.Add(new FileMetrics(file.Path, file.LineCount, units.Count));
        }
        return new CSharpReport(fileMetrics, methods);
    }

    static IEnumerable<(string Name, IReadOnlyList<SyntaxNode> Nodes)> Units(SyntaxNode root)
    {
        var globals = root.ChildNodes().OfType<GlobalStatementSyntax>().ToList<SyntaxNode>();
        if (globals.Count > 0) yield return ("<top-level statements>", globals);
        foreach (var node in root.DescendantNodes())
        {
            var name = node switch
            {
                MethodDeclarationSyntax m => $"{TypeOf(m)}.{m.Identifier.Text}",
                ConstructorDeclarationSyntax c => $"{TypeOf(c)}..ctor",
                AccessorDeclarationSyntax a when a.Body is not null || a.ExpressionBody is not null =>
                    $"{TypeOf(a)}.{(a.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text ?? "this"}.{a.Keyword.Text}",
                OperatorDeclarationSyntax o => $"{TypeOf(o)}.operator {o.OperatorToken.Text}",
                LocalFunctionStatementSyntax l => $"{Enclosing(l)}.{l.Identifier.Text}",
                LambdaExpressionSyntax { Block: not null } l => $"{Enclosing(l)}.<lambda>",
                _ => null,
            };
            if (name is not null) yield return (name, [node]);
        }
    }

    /// <summary>McCabe: a unit has one path plus one per decision in its own code (this counts the decisions).</summary>
    static int Decisions(SyntaxNode unit)
    {
        var decisions = 0;
        foreach (var node in OwnNodes(unit))
        {
            decisions += node switch
            {
                IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax
                    or CommonForEachStatementSyntax or CatchClauseSyntax or ConditionalExpressionSyntax
                    or CaseSwitchLabelSyntax or CasePatternSwitchLabelSyntax => 1,
                SwitchExpressionArmSyntax arm when arm.Pattern is not DiscardPatternSyntax => 1,
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression)
                    || b.IsKind(SyntaxKind.CoalesceExpression) => 1,
                BinaryPatternSyntax => 1,
                _ => 0,
            };
        }
        return decisions;
    }

    /// <summary>The unit's nodes, without those of nested units (lambdas with bodies, local functions).</summary>
    static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode unit) =>
        unit.DescendantNodes(node => node == unit || !IsNestedUnit(node));

    static bool IsNestedUnit(SyntaxNode node) =>
        node is LocalFunctionStatementSyntax or LambdaExpressionSyntax { Block: not null } or TypeDeclarationSyntax;

    static string TypeOf(SyntaxNode node) => node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>()?.Identifier.Text ?? "<global>";

    static string Enclosing(SyntaxNode node) => node.Parent?.FirstAncestorOrSelf<SyntaxNode>(n =>
        n is MethodDeclarationSyntax or LocalFunctionStatementSyntax or ConstructorDeclarationSyntax) switch
    {
        MethodDeclarationSyntax m => $"{TypeOf(m)}.{m.Identifier.Text}",
        LocalFunctionStatementSyntax l => $"{Enclosing(l)}.{l.Identifier.Text}",
        ConstructorDeclarationSyntax c => $"{TypeOf(c)}..ctor",
        _ => "<top-level statements>",
    };
}
