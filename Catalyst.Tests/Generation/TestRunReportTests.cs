using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

/// <summary>The Tester's report readers, fed with what real runners wrote.</summary>
public sealed class TestRunReportTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_junit_report_gives_the_true_counts_and_failure_messages()
    {
        using var dir = new TestDirectory("junit");
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "sample.test.js"), """
            const test = require('node:test');
            const assert = require('node:assert');
            test('adds', () => assert.equal(1 + 1, 2));
            test('subtracts', () => assert.equal(3 - 1, 2));
            test('is wrong on purpose', () => assert.equal(2 * 2, 5));
            test.skip('not yet', () => {});
            """, Ct);
        var spec = new ProcessSpec("node", ["--test", "--test-reporter=junit", "--test-reporter-destination=report.xml", "sample.test.js"]) { WorkingDirectory = dir.Path };
        var run = await new ProcessRunner().RunAsync(spec, Ct);
        Assert.NotEqual(0, run.ExitCode);

        var report = TestRunReport.FromJUnit(await File.ReadAllTextAsync(Path.Combine(dir.Path, "report.xml"), Ct));

        Assert.Equal((4, 2, 1, 1), (report.Total, report.Passed, report.Failed, report.Skipped));
        var failure = Assert.Single(report.Failures);
        Assert.Equal("is wrong on purpose", failure.Name);
        Assert.Contains("4 == 5", failure.Message);
    }

    [Fact]
    public async Task A_trx_report_of_a_generated_app_with_a_planted_failure_gives_the_true_counts()
    {
        using var dir = new TestDirectory("trx");
        var spec = new RequestParser().Parse("hello world");
        await GeneratedFile.WriteAllAsync(dir.Path, new DotnetAppGenerator().Generate(spec).SelectMany(c => c.Files), Ct);
        var tests = Path.Combine(dir.Path, "tests", $"{spec.Identifier}.Tests", "AppTests.cs");
        await File.WriteAllTextAsync(tests, (await File.ReadAllTextAsync(tests, Ct))
            .Replace("Assert.Equal(\"healthy\",", "Assert.Equal(\"planted failure\","), Ct);

        var run = await new ProcessRunner().RunAsync(new ProcessSpec("dotnet",
            ["test", $"{spec.Identifier}.slnx", "--logger", "trx;LogFileName=run.trx", "--results-directory", "results", "--disable-build-servers", "-p:UseSharedCompilation=false"])
        {
            WorkingDirectory = dir.Path, Timeout = TimeSpan.FromMinutes(5),
            Environment = NestedToolEnvironment.Create(),
        }, Ct);
        Assert.NotEqual(0, run.ExitCode);

        var report = TestRunReport.FromTrx(await File.ReadAllTextAsync(Path.Combine(dir.Path, "results", "run.trx"), Ct));

        var declared = Directory.GetFiles(Path.Combine(dir.Path, "tests"), "*.cs", SearchOption.AllDirectories)
            .Sum(f => System.Text.RegularExpressions.Regex.Count(File.ReadAllText(f), @"\[Fact\]|\[InlineData\("));
        Assert.Equal(declared, report.Total);
        Assert.Equal((declared - 1, 1), (report.Passed, report.Failed));
        var failure = Assert.Single(report.Failures);
        Assert.Contains("Health_answers", failure.Name);
        Assert.Contains("planted failure", failure.Message);
        Assert.True(report.Duration > TimeSpan.Zero);
    }
}
