using Catalyst.Core.Caching;
using Catalyst.Core.Llm;
using Catalyst.Core.Messaging;
using Catalyst.Core.Persistence;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Catalyst.Tests.AppHost;

/// <summary>
/// The connection names the services read: every GetConnectionString call in their source, resolved to its
/// name. A call through anything but a literal or a known constant fails, so a new connection cannot slip past.
/// </summary>
public static class ServiceConnectionNames
{
    /// <summary>The connection names the services' code reads, by the constants they read them through.</summary>
    static readonly Dictionary<string, string> KnownConnectionConstants = new()
    {
        ["CatalystDatabase.ConnectionName"] = CatalystDatabase.ConnectionName,
        ["MessagingOptions.RabbitMqConnectionName"] = MessagingOptions.RabbitMqConnectionName,
        ["CachingExtensions.ConnectionName"] = CachingExtensions.ConnectionName,
        ["LlmConnection.ConnectionName"] = LlmConnection.ConnectionName,
    };

    public static readonly string RepositoryRoot = FindRepositoryRoot();

    public static HashSet<string> Read()
    {
        var names = new HashSet<string>();
        var sources = new[] { "Catalyst.Core", "Catalyst.Api", "Catalyst.Agents", "Catalyst.ServiceDefaults" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
        foreach (var file in sources)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "GetConnectionString" }) continue;
                var argument = call.ArgumentList.Arguments.Single().Expression;
                var name = argument switch
                {
                    LiteralExpressionSyntax literal => literal.Token.ValueText,
                    _ when KnownConnectionConstants.TryGetValue(argument.ToString(), out var value) => value,
                    _ => throw new Xunit.Sdk.XunitException($"{Path.GetFileName(file)} reads a connection string through '{argument}', which this test cannot resolve; add it to KnownConnectionConstants."),
                };
                names.Add(name);
            }
        }
        return names;
    }

    static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
