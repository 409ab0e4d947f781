using System.Runtime.InteropServices;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Bench;

/// <summary>
/// Prints the deploy benchmark: the journey in process mode and in docker mode (a private Docker daemon with
/// the cached base image), the Deployer's own share (review.decision to a healthy preview), and the ratio of the
/// journey to the app's own restore + build + test measured in the same run. Medians of several runs; the first
/// journey of each mode warms caches and is not counted.
/// </summary>
public static class DeployReport
{
    public static async Task RunAsync(int runs, TextWriter output)
    {
        output.WriteLine($"\"{DeployBenchmark.Prompt}\", POST /api/tasks to a healthy preview, embedded mode — {Environment.ProcessorCount} cores, {runs} runs per mode after a warm-up run");

        using var processRoot = new TestDirectory("bench-deploy");
        var process = (await DeployBenchmark.RunAsync(runs + 1, new Dictionary<string, string?>(), processRoot.Path)).Skip(1).ToList();
        var floors = new List<IReadOnlyDictionary<string, double>>();
        foreach (var journey in process) floors.Add(await DeployBenchmark.FloorAsync(journey.Workspace));

        List<DeployBenchmark.Journey> docker = [];
        string? dockerSkipped = null;
        if (DockerServer.IsInstalled)
        {
            await using var daemon = new DockerServer();
            await daemon.StartAsync(CancellationToken.None);
            using var dockerRoot = new TestDirectory("bench-deploy-docker");
            docker = [.. (await DeployBenchmark.RunAsync(runs + 1, new Dictionary<string, string?>
            {
                ["Catalyst__Preview__Mode"] = "Docker",
                ["Catalyst__Docker__Endpoint"] = daemon.Endpoint,
                // The base image has no runtime of its own: the host's is mounted read-only.
                ["Catalyst__Docker__HostRuntimeMounts__0"] = DotnetRoot(),
            }, dockerRoot.Path)).Skip(1)];
        }
        else dockerSkipped = "dockerd is not installed (eng/install-deps.sh)";

        output.WriteLine();
        output.WriteLine($"{"step",-22} {"process p50",12} {"docker p50",12}");
        foreach (var step in process[0].Steps.Keys)
            output.WriteLine($"{step,-22} {Median(process, step),10:0.00} s {(docker.Count == 0 ? "" : $"{Median(docker, step),10:0.00} s")}");
        output.WriteLine($"{"journey total",-22} {DeployBenchmark.Median(process.Select(j => j.Total)),10:0.00} s {(docker.Count == 0 ? "" : $"{DeployBenchmark.Median(docker.Select(j => j.Total)),10:0.00} s")}");
        output.WriteLine();
        output.WriteLine("review.decision to a healthy preview (the Deployer), median / max:");
        output.WriteLine($"  process  {Median(process, "deployer"):0.00} s / {process.Max(j => j.Steps["deployer"]):0.00} s   (target 3 s)");
        output.WriteLine(docker.Count == 0 ? $"  docker   not measured: {dockerSkipped}" : $"  docker   {Median(docker, "deployer"):0.00} s / {docker.Max(j => j.Steps["deployer"]):0.00} s   (target 10 s, base image present)");
        output.WriteLine();
        output.WriteLine("The floor: the generated app's own restore + build + test on a clean checkout, warm NuGet cache (median):");
        foreach (var part in floors[0].Keys) output.WriteLine($"  {part,-8} {DeployBenchmark.Median(floors.Select(f => f[part])):0.00} s");
        var ratios = process.Zip(floors, (j, f) => j.Total / f["total"]).ToList();
        output.WriteLine($"Journey / floor, per run: {string.Join(", ", ratios.Select(r => $"{r:0.00}"))}; median {DeployBenchmark.Median(ratios):0.00} (target 1.3)");
    }

    static double Median(IReadOnlyList<DeployBenchmark.Journey> journeys, string step) => DeployBenchmark.Median(journeys.Select(j => j.Steps.GetValueOrDefault(step)));

    /// <summary>The installed .NET root, from the running runtime's folder (…/shared/Microsoft.NETCore.App/{version}/).</summary>
    static string DotnetRoot() => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
