using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Catalyst.Agents.Tester;
using Catalyst.Agents.Tester.Forwarding;
using Catalyst.Core.Processes;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// Runs a preview as a local process in the sandbox: scrubbed environment, rlimits, a managed-heap cap, its own
/// data folder, bound to 127.0.0.1 only. It runs in its own session with its output in a log file, so it
/// outlives a restart (or crash) of Catalyst and is adopted afterwards. A pid file with the process's start
/// time identifies it, so a recycled pid is never taken for it. Confined by bubblewrap, it listens in a network
/// namespace of its own and is reached through a port forwarded by Catalyst, set up again when a restarted
/// Catalyst adopts it. Its bookkeeping (pid file, log) stays outside what it can see: it reads its app folder
/// and writes only its data folder and a home of its own.
/// </summary>
public sealed class ProcessPreviewRuntime(ProcessSandbox sandbox, IPortForwarder forwarder, IOptions<PreviewOptions> options) : IPreviewRuntime
{
    const string PidFile = "preview.pid";
    const int SigTerm = 15, SigKill = 9;
    readonly ConcurrentDictionary<string, IAsyncDisposable> forwardings = new();

    public PreviewMode Mode => PreviewMode.Process;

    public async Task<PreviewHandle> StartAsync(PreviewLaunch launch, CancellationToken ct)
    {
        if (ReadHandle(launch.Root, launch.TaskId) is { } earlier) await StopAsync(earlier, ct);
        Directory.CreateDirectory(launch.DataDirectory);
        var url = $"http://127.0.0.1:{launch.Port}";
        var heap = options.Value.MemoryLimitBytes;
        var command = new SandboxCommand(launch.App.FileName, launch.App.Arguments, Timeout.InfiniteTimeSpan)
        {
            Environment = new Dictionary<string, string>
            {
                ["PORT"] = launch.Port.ToString(CultureInfo.InvariantCulture),
                ["HOST"] = "127.0.0.1",
                ["ASPNETCORE_URLS"] = url,
                ["ASPNETCORE_CONTENTROOT"] = launch.App.Directory,
                ["DATA_DIR"] = launch.DataDirectory,
                ["DOTNET_GCHeapHardLimit"] = $"0x{heap:X}",
                ["NODE_OPTIONS"] = $"--max-old-space-size={heap / 1024 / 1024}",
            },
            WorkingDirectory = launch.App.Directory,
            ReadOnlyPaths = [launch.App.Directory],
            WritablePaths = [launch.DataDirectory],
        };
        var workspace = Path.Combine(launch.Root, "sandbox");
        var spec = sandbox.Prepare(workspace, command);
        await sandbox.HandOverAsync(workspace, command, ct);

        // sh only sets up the streams, then execs setsid. Unconfined, every step then execs in place (prlimit, the
        // app), so the pid Process.Start returns is the app's. Confined, a shell of the preview's own stays as the
        // parent of bwrap, whose --die-with-parent ties the sandbox to that shell rather than to Catalyst: killing
        // the recorded pid ends the whole sandbox, and a crash of Catalyst ends none of it. No pipe to Catalyst
        // stays open: the app cannot block on us.
        var script = sandbox.Confinement.IsAvailable
            ? "exec setsid /bin/sh -c '\"$@\" & wait $!' sh \"$@\" </dev/null >>\"$CATALYST_PREVIEW_LOG\" 2>&1"
            : "exec setsid \"$@\" </dev/null >>\"$CATALYST_PREVIEW_LOG\" 2>&1";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = launch.App.Directory };
        foreach (var argument in new[] { "-c", script, "sh", spec.FileName }.Concat(spec.Arguments))
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in spec.Environment) if (value is not null) start.Environment[key] = value;
        start.Environment["CATALYST_PREVIEW_LOG"] = launch.LogFile;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launch.App.FileName}.");
        var startTime = StartTimeOf(process.Id) ?? throw new InvalidOperationException($"The preview process {process.Id} ended at once (see {launch.LogFile}).");
        // Confined, the port is forwarded: it is part of the handle, so an adopting Catalyst forwards it again.
        var handle = new PreviewHandle(launch.TaskId, sandbox.Confinement.IsAvailable ? $"{process.Id}:{startTime}:{launch.Port}" : $"{process.Id}:{startTime}");
        await File.WriteAllTextAsync(Path.Combine(launch.Root, PidFile), handle.RuntimeId, ct);
        EnsureForwarded(handle);
        return handle;
    }

    public async Task StopAsync(PreviewHandle handle, CancellationToken ct)
    {
        if (forwardings.TryRemove(handle.RuntimeId, out var forwarding)) await forwarding.DisposeAsync();
        if (!IsAlive(handle, out var pid)) return;
        // The app leads its own session: signal the whole group, politely first.
        _ = Kill(-pid, SigTerm);
        var deadline = Stopwatch.StartNew();
        while (IsAlive(handle, out _) && deadline.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50, ct);
        if (IsAlive(handle, out _)) _ = Kill(-pid, SigKill);
        while (IsAlive(handle, out _) && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50, ct);
    }

    public async Task<bool> IsRunningAsync(PreviewHandle handle, CancellationToken ct)
    {
        if (IsAlive(handle, out _)) return EnsureForwarded(handle);
        if (forwardings.TryRemove(handle.RuntimeId, out var forwarding)) await forwarding.DisposeAsync();
        return false;
    }

    /// <summary>Forwards the port of a confined preview that runs, once (a preview adopted after a restart gets its forwarding here).</summary>
    bool EnsureForwarded(PreviewHandle handle)
    {
        var parts = handle.RuntimeId.Split(':');
        if (parts.Length != 3 || forwardings.ContainsKey(handle.RuntimeId)) return true;
        try
        {
            var forwarding = forwarder.Forward(int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[0], CultureInfo.InvariantCulture));
            if (!forwardings.TryAdd(handle.RuntimeId, forwarding)) _ = forwarding.DisposeAsync();
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The port is held (a lingering socket): the preview runs but is unreachable until a later check forwards it.
        }
        return true;
    }

    public async Task<string> TailLogAsync(PreviewHandle handle, string root, int lines, CancellationToken ct)
    {
        var log = Path.Combine(root, "app.log");
        return File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log, ct)).TakeLast(lines)) : "";
    }

    public Task<IReadOnlyList<PreviewHandle>> ListAsync(string previewsRoot, CancellationToken ct)
    {
        IReadOnlyList<PreviewHandle> handles = !Directory.Exists(previewsRoot) ? [] :
        [
            .. Directory.EnumerateDirectories(previewsRoot)
                .Select(folder => Guid.TryParse(Path.GetFileName(folder), out var taskId) ? ReadHandle(folder, taskId) : null)
                .OfType<PreviewHandle>(),
        ];
        return Task.FromResult(handles);
    }

    static PreviewHandle? ReadHandle(string root, Guid taskId)
    {
        var file = Path.Combine(root, PidFile);
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } id ? new PreviewHandle(taskId, id) : null;
    }

    /// <summary>Alive, and the same process: its start time still matches the one recorded.</summary>
    static bool IsAlive(PreviewHandle handle, out int pid)
    {
        var parts = handle.RuntimeId.Split(':');
        pid = parts.Length >= 2 && int.TryParse(parts[0], out var p) ? p : 0;
        return pid > 0 && StartTimeOf(pid) is { } started && started.ToString(CultureInfo.InvariantCulture) == parts[1];
    }

    static long? StartTimeOf(int pid) => ProcessTable.StartTimeOf(pid);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
