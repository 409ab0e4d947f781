namespace Catalyst.Agents.Tester;

/// <summary>One timed step of a test run and the report it leaves behind.</summary>
public sealed record TestStep(string Name, SandboxCommand Command);

/// <summary>How each stack is restored, built and tested, with machine-readable reports.</summary>
public static class TestSteps
{
    public const string ResultsFolder = ".catalyst-results";

    public static IReadOnlyList<TestStep> For(string stack, string workspace, TesterOptions options)
    {
        if (stack == "node")
            return
            [
                new("restore", new("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], options.RestoreTimeout) { NeedsNetwork = true }),
                new("test", new("node", ["--test", "--experimental-test-coverage",
                    "--test-reporter=junit", $"--test-reporter-destination={ResultsFolder}/junit.xml",
                    "--test-reporter=tap", "--test-reporter-destination=stdout", .. NodeTestFiles(workspace)], options.TestTimeout)),
            ];

        var solution = Directory.GetFiles(workspace, "*.slnx").Concat(Directory.GetFiles(workspace, "*.sln")).Select(Path.GetFileName).FirstOrDefault()
            ?? throw new InvalidOperationException("The generated .NET app has no solution file at its root.");
        return
        [
            new("restore", new("dotnet", ["restore", solution!], options.RestoreTimeout) { NeedsNetwork = true }),
            new("build", new("dotnet", ["build", solution!, "--no-restore", "--nologo", "-p:UseSharedCompilation=false", "--disable-build-servers"], options.BuildTimeout)),
            new("test", new("dotnet", ["test", solution!, "--no-build", "--nologo", "--logger", "trx;LogFileName=results.trx",
                "--results-directory", ResultsFolder, "--collect", "XPlat Code Coverage",
                // Source-generated code (regex, JSON) is not the app's to test.
                "--", "DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.ExcludeByFile=**/obj/**"], options.TestTimeout)),
        ];
    }

    /// <summary>
    /// The test files, named: without names node 20 runs every .js under test/, helpers too, and reports
    /// each helper as a test.
    /// </summary>
    static IEnumerable<string> NodeTestFiles(string workspace) =>
        Directory.EnumerateFiles(workspace, "*.test.*js", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(workspace, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("node_modules/", StringComparison.Ordinal) && !f.Contains("/node_modules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
