using System.Text.RegularExpressions;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>The tests a repository has: files, test cases counted by their declarations, and the frameworks.</summary>
public sealed record TestReport(bool Present, int Files, int Cases, IReadOnlyList<string> Frameworks, IReadOnlyList<string> TestFiles);

/// <summary>
/// Finds tests by file conventions (tests/ or test/ folders, *.test.js, *.spec.ts, *Tests.cs, test_*.py,
/// *_test.go) and names the frameworks from the manifests' test dependencies and the test files' imports.
/// </summary>
public static partial class TestDetector
{
    public static bool IsTestFile(SnapshotFile file) =>
        file.Extension is ".cs" or ".js" or ".mjs" or ".cjs" or ".ts" or ".tsx" or ".jsx" or ".py" or ".go"
        && (file.IsUnder("tests") || file.IsUnder("test") || file.IsUnder("__tests__") || TestFileName().IsMatch(file.Name));

    public static TestReport Detect(RepositorySnapshot snapshot, ManifestReport manifests, TechnologyCatalog catalog)
    {
        var files = snapshot.Files.Where(IsTestFile).ToList();
        var frameworks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var dependency in manifests.Dependencies)
            if (catalog.Find(dependency.Ecosystem, dependency.Name) is { Role: "testing" } technology) frameworks.Add(technology.Name);
        foreach (var file in files)
        {
            if (NodeTestImport().IsMatch(file.Content)) frameworks.Add("node:test");
            if (file.Extension == ".py" && file.Content.Contains("import unittest", StringComparison.Ordinal)) frameworks.Add("unittest");
            if (file.Extension == ".py" && file.Content.Contains("import pytest", StringComparison.Ordinal)) frameworks.Add("pytest");
            if (file.Extension == ".go") frameworks.Add("go test");
        }
        if (manifests.NpmTestScripts.Any(s => s.Contains("node --test", StringComparison.Ordinal))) frameworks.Add("node:test");
        var cases = files.Sum(f => TestCase().Matches(f.Content).Count);
        return new TestReport(files.Count > 0, files.Count, cases, [.. frameworks], [.. files.Select(f => f.Path)]);
    }

    [GeneratedRegex(@"(\.(test|spec)\.[cm]?[jt]sx?$)|(Tests?\.cs$)|(^test_.*\.py$)|(_test\.(py|go)$)", RegexOptions.IgnoreCase)] private static partial Regex TestFileName();
    [GeneratedRegex(@"['""]node:test['""]")] private static partial Regex NodeTestImport();
    [GeneratedRegex(@"\[(Fact|Theory|Test|TestCase|TestMethod)\b|(?m)^\s*(it|test)\(\s*['""`]|(?m)^\s*(async\s+)?def\s+test_|(?m)^func\s+Test\w*\(")] private static partial Regex TestCase();
}
