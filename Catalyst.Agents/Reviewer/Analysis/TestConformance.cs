using System.Text.RegularExpressions;
using Catalyst.Agents.Coder;
using Catalyst.Agents.Understanding;

namespace Catalyst.Agents.Reviewer.Analysis;

/// <summary>
/// The spec's fields in the tests: each entity has a test suite (a test file named for it), and each field's
/// JSON name appears in that suite or in the shared test helpers (files under the test folder that are not
/// suites themselves, such as Node's test/helpers.js with its sample records).
/// </summary>
public sealed class TestConformance(AppSpec spec, SourceTree tree)
{
    readonly List<SourceFile> tests = [.. tree.Files.Where(f => f.IsTest && f.IsCode)];

    public IEnumerable<ReviewIssue> Check(EntitySpec entity)
    {
        var suites = tests.Where(f => IsSuite(f) && (NamedFor(f, entity.Name) || NamedFor(f, entity.Route))).ToList();
        if (suites.Count == 0)
        {
            yield return SpecConformance.Missing(entity, null, $"the tests (no test file for it; expected {AppLayout.Tests(spec, entity)})", null, null);
            yield break;
        }
        var helpers = tests.Where(f => !IsSuite(f)).ToList();
        var where = $"the tests ({string.Join(", ", suites.Select(s => s.Path))})";
        foreach (var field in entity.Fields)
        {
            var name = new Regex($"(?<![A-Za-z0-9_]){Regex.Escape(field.JsonName)}(?![A-Za-z0-9_])");
            if (!suites.Concat(helpers).Any(f => name.IsMatch(f.Content)))
                yield return SpecConformance.Missing(entity, field, where, suites[0].Path, null);
        }
    }

    static bool IsSuite(SourceFile file) =>
        file.Path.EndsWith(".test.js", StringComparison.Ordinal) || file.Path.EndsWith(".test.ts", StringComparison.Ordinal) || file.Path.EndsWith("Tests.cs", StringComparison.Ordinal);

    static bool NamedFor(SourceFile file, string name) =>
        name.Length > 0 && Path.GetFileName(file.Path).StartsWith(name, StringComparison.OrdinalIgnoreCase);
}
