using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Catalyst.Tests.Docker;

/// <summary>
/// A minimal ASP.NET Core app compiled in-process with Roslyn against the shared frameworks this test run uses
/// (a second or two, where <c>dotnet build</c> would take tens): /health, and / answering its own text.
/// </summary>
static class DotnetApp
{
    public const string Assembly = "PreviewProbe";
    public const string Greeting = "hello from dotnet";

    /// <summary>The .NET install this test runs on, to mount into images that have none.</summary>
    public static string DotnetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public static void WriteTo(string folder)
    {
        const string source = $$"""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.MapGet("/health", () => "ok");
            app.MapGet("/", () => "{{Greeting}}");
            System.Console.WriteLine("dotnet-app starting");
            app.Run();
            """;
        // The shared frameworks this run uses: .NET's own and ASP.NET Core's of the same version beside it.
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var aspNet = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runtime))!, "Microsoft.AspNetCore.App", Path.GetFileName(runtime));
        var references = new[] { runtime, aspNet }.SelectMany(folder => Directory.GetFiles(folder, "*.dll"))
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(Assembly, [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var result = compilation.Emit(Path.Combine(folder, Assembly + ".dll"));
        if (!result.Success) throw new InvalidOperationException(string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var version = $"{Environment.Version.Major}.{Environment.Version.Minor}.0";
        File.WriteAllText(Path.Combine(folder, Assembly + ".runtimeconfig.json"), $$$"""
            {"runtimeOptions": {"tfm": "net{{{Environment.Version.Major}}}.{{{Environment.Version.Minor}}}", "frameworks": [
              {"name": "Microsoft.NETCore.App", "version": "{{{version}}}"},
              {"name": "Microsoft.AspNetCore.App", "version": "{{{version}}}"}]}}
            """);
    }
}
