using System.Diagnostics;
using Catalyst.Agents.Tester;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

public sealed class ProcessSandboxTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generated_code_sees_none_of_our_environment()
    {
        using var workspace = new TestDirectory("sandbox");
        Environment.SetEnvironmentVariable("CATALYST_SANDBOX_CANARY", "s3cret-canary");
        try
        {
            var result = await new ProcessSandbox(new ProcessRunner(), new SandboxOptions())
                .RunAsync(workspace.Path, new SandboxCommand("sh", ["-c", "env; pwd"], TimeSpan.FromSeconds(20)) { Environment = new Dictionary<string, string> { ["PORT"] = "8080" } }, Ct);

            Assert.True(result.Succeeded, result.StandardError);
            Assert.DoesNotContain("s3cret-canary", result.StandardOutput);
            Assert.Contains("CI=true", result.StandardOutput);
            Assert.Contains("PORT=8080", result.StandardOutput);
            Assert.Contains($"HOME={workspace.Path}/.sandbox/home", result.StandardOutput);
            Assert.EndsWith(workspace.Path, result.StandardOutput.TrimEnd());
        }
        finally { Environment.SetEnvironmentVariable("CATALYST_SANDBOX_CANARY", null); }
    }

    [Fact]
    public async Task A_hanging_command_is_killed_at_its_time_limit_with_its_children()
    {
        using var workspace = new TestDirectory("sandbox");
        var marker = $"{Random.Shared.Next(300, 400)}.{Random.Shared.Next(100, 999)}";
        var clock = Stopwatch.StartNew();

        var result = await new ProcessSandbox(new ProcessRunner(), new SandboxOptions())
            .RunAsync(workspace.Path, new SandboxCommand("sh", ["-c", $"sleep {marker} & sleep {marker}"], TimeSpan.FromSeconds(2)), Ct);

        Assert.True(result.TimedOut);
        // far below the sleeps' 300-400 s, however loaded the machine
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        // a killed child leaves /proc once the kernel has reaped it: wait for that, not for a fixed time
        int Survivors() => Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Count(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker); } catch (IOException) { return false; } catch (UnauthorizedAccessException) { return false; } });
        var reaped = Stopwatch.StartNew();
        while (Survivors() > 0 && reaped.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50, Ct);
        Assert.Equal(0, Survivors());
    }

    [Fact]
    public async Task Files_cannot_grow_past_the_limit()
    {
        using var workspace = new TestDirectory("sandbox");
        var result = await new ProcessSandbox(new ProcessRunner(), new SandboxOptions { MaxFileBytes = 1_000_000 })
            .RunAsync(workspace.Path, new SandboxCommand("sh", ["-c", "head -c 5000000 /dev/zero > big.bin"], TimeSpan.FromSeconds(20)), Ct);

        Assert.False(result.Succeeded);
        Assert.True(new FileInfo(Path.Combine(workspace.Path, "big.bin")).Length <= 1_000_000);
    }
}
