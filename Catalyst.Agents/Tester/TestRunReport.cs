using System.Globalization;
using System.Xml.Linq;

namespace Catalyst.Agents.Tester;

public sealed record TestFailure(string Name, string Message);

/// <summary>What a test run really did, read from the runner's own report file (never from its console).</summary>
public sealed record TestRunReport(int Total, int Passed, int Failed, int Skipped, TimeSpan Duration, IReadOnlyList<TestFailure> Failures)
{
    /// <summary>A Visual Studio TRX file, as written by <c>dotnet test --logger trx</c>.</summary>
    public static TestRunReport FromTrx(string xml)
    {
        var doc = XDocument.Parse(xml);
        XNamespace ns = doc.Root!.Name.Namespace;
        var results = doc.Descendants(ns + "UnitTestResult").ToList();
        var failures = results.Where(r => (string?)r.Attribute("outcome") == "Failed")
            .Select(r => new TestFailure((string?)r.Attribute("testName") ?? "?",
                r.Descendants(ns + "Message").FirstOrDefault()?.Value.Trim() ?? ""))
            .ToList();
        var duration = results.Select(r => (string?)r.Attribute("duration")).Where(d => d is not null)
            .Aggregate(TimeSpan.Zero, (sum, d) => sum + TimeSpan.Parse(d!, CultureInfo.InvariantCulture));
        return new TestRunReport(
            results.Count,
            results.Count(r => (string?)r.Attribute("outcome") == "Passed"),
            failures.Count,
            results.Count(r => (string?)r.Attribute("outcome") is "NotExecuted" or "Inconclusive"),
            duration,
            failures);
    }

    /// <summary>A JUnit XML file, as written by <c>node --test --test-reporter=junit</c>.</summary>
    public static TestRunReport FromJUnit(string xml)
    {
        var cases = XDocument.Parse(xml).Descendants("testcase").ToList();
        var failures = cases.Where(c => c.Element("failure") is not null || c.Element("error") is not null)
            .Select(c => new TestFailure((string?)c.Attribute("name") ?? "?",
                (string?)(c.Element("failure") ?? c.Element("error"))!.Attribute("message") ?? ""))
            .ToList();
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var seconds = cases.Sum(c => double.TryParse((string?)c.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0);
        return new TestRunReport(cases.Count, cases.Count - failures.Count - skipped, failures.Count, skipped, TimeSpan.FromSeconds(seconds), failures);
    }
}
