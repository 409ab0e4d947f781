using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Catalyst.Agents.Tester;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Generation;

/// <summary>
/// What generated code can and cannot do inside the process sandbox: real bubblewrap, real sockets, real files.
/// In CI a machine without bubblewrap fails these rather than skipping them.
/// </summary>
public sealed class SandboxConfinementTests : IDisposable
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    readonly TestDirectory dataRoot = new("confine");
    readonly string workspace;
    readonly ProcessSandbox sandbox;

    public SandboxConfinementTests()
    {
        workspace = Directory.CreateDirectory(Path.Combine(dataRoot.Path, "artifacts", Guid.NewGuid().ToString(), "workspace")).FullName;
        sandbox = new ProcessSandbox(new ProcessRunner(), new SandboxOptions { DataRoot = dataRoot.Path });
    }

    public void Dispose() => dataRoot.Dispose();

    ProcessSandbox Confined()
    {
        if (sandbox.Confinement.Missing is { } missing) RequiredServer.Unavailable("bubblewrap", missing);
        return sandbox;
    }

    Task<ProcessResult> RunAsync(string script, TimeSpan? timeout = null, CancellationToken? ct = null) =>
        Confined().RunAsync(workspace, new SandboxCommand("bash", ["-c", script], timeout ?? TimeSpan.FromSeconds(30)), ct ?? Ct);

    [Fact]
    public async Task The_database_password_and_the_rest_of_the_data_root_are_not_readable()
    {
        var password = Path.Combine(Directory.CreateDirectory(Path.Combine(dataRoot.Path, "postgres")).FullName, "superuser.password");
        await File.WriteAllTextAsync(password, "pw-canary-4711", Ct);
        File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var keys = Directory.CreateDirectory(Path.Combine(dataRoot.Path, "keys")).FullName;
        await File.WriteAllTextAsync(Path.Combine(keys, "key-1.xml"), "<key>dp-canary-4711</key>", Ct);

        var read = await RunAsync($"cat '{password}'; cat '{keys}'/*");
        var dataRootSeen = await RunAsync($"ls -A '{dataRoot.Path}'");
        var homeSeen = await RunAsync("ls -A /root");
        var written = await RunAsync($"echo written > '{workspace}/own.txt' && cat '{workspace}/own.txt'");

        Assert.False(read.Succeeded);
        Assert.DoesNotContain("canary", read.StandardOutput + read.StandardError.Replace(password, "").Replace(keys, ""));
        // The data root shows only the way down to the run's own workspace and to the sandbox's own caches.
        Assert.Equal(["artifacts", "sandbox"], Lines(dataRootSeen));
        // The host's home shows nothing but the way to the read-only NuGet packages and the PATH's tool folders (when they live there).
        var shown = sandbox.Confinement.ToolFolders(new SandboxOptions().Path).Prepend(new SandboxOptions().NuGetPackages);
        var wayDown = shown.Where(p => p.StartsWith("/root/", StringComparison.Ordinal)).Select(p => p["/root/".Length..].Split('/')[0])
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(wayDown, Lines(homeSeen).Order(StringComparer.Ordinal));
        Assert.Equal(["written"], Lines(written));
    }

    static string[] Lines(ProcessResult result)
    {
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task A_runtimes_folder_inside_a_hidden_folder_is_shown_read_only_and_never_the_data_root()
    {
        using var tmp = new TestDirectory("confine-tools");
        var tools = Directory.CreateDirectory(Path.Combine(tmp.Path, "tools")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tools, "hello-tool"), "#!/bin/sh\necho tool ran\n", Ct);
        File.SetUnixFileMode(Path.Combine(tools, "hello-tool"), (UnixFileMode)0b111_101_101);
        var insideDataRoot = Directory.CreateDirectory(Path.Combine(dataRoot.Path, "bin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(insideDataRoot, "data-tool"), "#!/bin/sh\n", Ct);
        var options = new SandboxOptions
        {
            DataRoot = dataRoot.Path, Tools = ["hello-tool", "data-tool", "bash"],
            Path = $"{insideDataRoot}:{tools}:/usr/bin:/bin",
        };
        var withTools = new ProcessSandbox(new ProcessRunner(), options);
        if (withTools.Confinement.Missing is { } missing) RequiredServer.Unavailable("bubblewrap", missing);

        Assert.Equal([tools], withTools.Confinement.ToolFolders(options.Path));
        var ran = await withTools.RunAsync(workspace, new SandboxCommand("bash", ["-c", $"hello-tool && touch '{tools}/written'"], TimeSpan.FromSeconds(30)), Ct);
        Assert.Contains("tool ran", ran.StandardOutput);
        Assert.False(ran.Succeeded); // read-only
        Assert.False(File.Exists(Path.Combine(tools, "written")));
    }

    [Fact]
    public async Task The_first_run_on_a_fresh_data_root_can_fill_the_sandboxs_own_package_caches()
    {
        var result = await RunAsync("touch \"$npm_config_cache/probe\" && touch \"$NUGET_PACKAGES/probe\" && echo \"$NUGET_FALLBACK_PACKAGES\"");

        Assert.Equal([new SandboxOptions().NuGetPackages], Lines(result));
        Assert.True(File.Exists(Path.Combine(dataRoot.Path, "sandbox", "cache", "npm", "probe")));
        Assert.True(File.Exists(Path.Combine(dataRoot.Path, "sandbox", "cache", "nuget", "probe")));
    }

    [Fact]
    public async Task Neither_the_hosts_loopback_nor_an_outside_address_can_be_reached()
    {
        // Stand-ins for the keyless loopback Api and for the outside world: both accept from the host itself.
        using var loopback = new TcpListener(IPAddress.Loopback, 0);
        using var outside = new TcpListener(IPAddress.Any, 0);
        loopback.Start();
        outside.Start();
        var outsideAddress = NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.NotNull(outsideAddress);
        using (var fromHost = new TcpClient()) await fromHost.ConnectAsync(outsideAddress, ((IPEndPoint)outside.LocalEndpoint).Port, Ct);

        var toLoopback = await RunAsync($"exec 3<>/dev/tcp/127.0.0.1/{((IPEndPoint)loopback.LocalEndpoint).Port}");
        var toOutside = await RunAsync($"exec 3<>/dev/tcp/{outsideAddress}/{((IPEndPoint)outside.LocalEndpoint).Port}");

        Assert.False(toLoopback.Succeeded, "the host's loopback port answered from inside the sandbox");
        Assert.False(toOutside.Succeeded, $"{outsideAddress} answered from inside the sandbox");
        Assert.False(loopback.Pending());
    }

    [Fact]
    public async Task Generated_code_runs_as_an_unprivileged_user_without_capabilities_or_new_privileges()
    {
        var result = await RunAsync("cat /proc/self/status");

        Assert.True(result.Succeeded, result.StandardError);
        var status = result.StandardOutput.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim());
        Assert.DoesNotContain("0", status["Uid"].Split('\t'));
        Assert.DoesNotContain("0", status["Gid"].Split('\t'));
        Assert.Equal("0000000000000000", status["CapEff"]);
        Assert.Equal("0000000000000000", status["CapPrm"]);
        Assert.Equal("0000000000000000", status["CapBnd"]);
        Assert.Equal("1", status["NoNewPrivs"]);
    }

    [Fact]
    public async Task An_app_started_in_the_sandbox_is_reached_on_its_port_through_the_forwarder()
    {
        var port = Core.Networking.LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(workspace, "index.html"), "hello from the sandbox", Ct);
        var command = new SandboxCommand("python3", ["-m", "http.server", port.ToString(), "--bind", "127.0.0.1", "--directory", workspace], TimeSpan.FromMinutes(1))
        {
            Environment = new Dictionary<string, string> { ["PORT"] = port.ToString() },
        };

        await using var app = await Confined().StartAsync(workspace, command, Path.Combine(dataRoot.Path, "app.log"), Ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        string? body = null;
        while (body is null && clock.Elapsed < TimeSpan.FromSeconds(30) && !app.HasExited)
        {
            try { body = await http.GetStringAsync($"http://127.0.0.1:{port}/index.html", Ct); }
            catch (HttpRequestException) { await Task.Delay(100, Ct); }
            catch (TaskCanceledException) when (!Ct.IsCancellationRequested) { }
        }

        Assert.Equal("hello from the sandbox", body);
    }

    [Fact]
    public async Task Cancelling_a_run_kills_its_whole_tree_even_a_detached_child_promptly()
    {
        var marker = SandboxProcesses.NewMarker();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // The subshell exits at once: its setsid child is nobody's child any more, out of reach of a tree kill.
        var run = RunAsync($"(setsid sleep {marker} &); sleep {marker}", TimeSpan.FromMinutes(5), cancel.Token);
        Assert.Equal(2, await SandboxProcesses.WaitForAsync(marker, n => n == 2, TimeSpan.FromSeconds(30), Ct));

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(0, await SandboxProcesses.WaitForAsync(marker, n => n == 0, TimeSpan.FromSeconds(10), Ct));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_sandboxed_run_does_not_survive_a_SIGKILL_of_its_host()
    {
        var marker = SandboxProcesses.NewMarker();
        var spec = Confined().Prepare(workspace, new SandboxCommand("sleep", [marker], TimeSpan.FromMinutes(5)));
        // The host: a small process that starts the sandboxed sleep exactly as the sandbox prepares it, then waits.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workspace };
        foreach (var argument in new[] { "-c", "\"$@\" & wait", "sh", spec.FileName }.Concat(spec.Arguments)) start.ArgumentList.Add(argument);
        foreach (var (key, value) in spec.Environment) if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        using var host = Process.Start(start)!;
        Assert.Equal(1, await SandboxProcesses.WaitForAsync(marker, n => n == 1, TimeSpan.FromSeconds(30), Ct));

        host.Kill(entireProcessTree: false); // SIGKILL of the host alone, as a crash would be
        await host.WaitForExitAsync(Ct);

        Assert.Equal(0, await SandboxProcesses.WaitForAsync(marker, n => n == 0, TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task What_a_dead_Catalyst_left_running_is_reaped_at_the_next_start_and_a_live_ones_runs_are_not()
    {
        var marker = SandboxProcesses.NewMarker();
        using var gone = Process.Start("true")!;
        await gone.WaitForExitAsync(Ct);
        using var orphan = Process.Start("sleep", marker)!;
        using var ours = Process.Start("sleep", marker)!;
        var options = new SandboxOptions { DataRoot = dataRoot.Path };
        // One run recorded by a Catalyst process that has died, one by this (living) one.
        _ = new SandboxRuns(options, owner: gone.Id).Record(orphan.Id);
        using var live = new SandboxRuns(options).Record(ours.Id);

        var reaped = new SandboxRuns(options).ReapLeftovers();

        Assert.Equal(1, reaped);
        await orphan.WaitForExitAsync(Ct);
        Assert.False(ours.HasExited);
        ours.Kill();
    }
}
