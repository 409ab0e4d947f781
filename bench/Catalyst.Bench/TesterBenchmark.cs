using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Bench;

/// <summary>
/// The Tester's build-and-test cost for one generated app: its steps (restore, build, test with TRX and
/// coverage) in the process sandbox, first with an empty NuGet cache (cold), then again with the cache that
/// run filled (warm). The end-to-end browser step is not part of the Tester yet.
/// </summary>
public static class TesterBenchmark
{
    public static async Task<IReadOnlyList<(string Cache, string Step, double Seconds, bool Succeeded)>> RunAsync(string prompt)
    {
        using var cache = new TestDirectory("bench-nuget");
        var rows = new List<(string, string, double, bool)>();
        foreach (var label in new[] { "cold", "warm" })
        {
            using var workspace = new TestDirectory("bench-tester");
            var spec = new RequestParser().Parse(prompt);
            await GeneratedFile.WriteAllAsync(workspace.Path, new DotnetAppGenerator().Generate(spec).SelectMany(c => c.Files), CancellationToken.None);
            Directory.CreateDirectory(Path.Combine(workspace.Path, TestSteps.ResultsFolder));
            var sandbox = new ProcessSandbox(new ProcessRunner(), new SandboxOptions { NuGetPackages = cache.Path });
            foreach (var step in TestSteps.For("dotnet", workspace.Path, new TesterOptions()))
            {
                var result = await sandbox.RunAsync(workspace.Path, step.Command, CancellationToken.None);
                rows.Add((label, step.Name, result.Duration.TotalSeconds, result.Succeeded));
            }
        }
        return rows;
    }
}
