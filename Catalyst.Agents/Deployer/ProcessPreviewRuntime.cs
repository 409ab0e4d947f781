using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Catalyst.Agents.Tester;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// Runs a preview as a local process in the sandbox: scrubbed environment, rlimits, a managed-heap cap, its own
/// data folder, bound to 127.0.0.1 only. It runs in its own session with its output in a log file, so it
/// outlives a restart (or crash) of Catalyst and is adopted afterwards. A pid file with the process's start
/// time identifies it, so a recycled pid is never taken for it.
/// </summary>
public sealed class ProcessPreviewRuntime(ProcessSandbox sandbox, IOptions<PreviewOptions> options) : IPreviewRuntime
{
    const string PidFile = "preview.pid";
    const int SigTerm = 15, SigKill = 9;

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
        };
        var spec = sandbox.Prepare(launch.Root, command);

        // sh only sets up the streams, then every step execs in place (setsid, prlimit, the app), so the pid
        // Process.Start returns is the app's. No pipe to Catalyst stays open: the app cannot block on us.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = launch.App.Directory };
        foreach (var argument in new[] { "-c", "exec setsid \"$@\" </dev/null >>\"$CATALYST_PREVIEW_LOG\" 2>&1", "sh", spec.FileName }.Concat(spec.Arguments))
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in spec.Environment) if (value is not null) start.Environment[key] = value;
        start.Environment["CATALYST_PREVIEW_LOG"] = launch.LogFile;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launch.App.FileName}.");
        var startTime = StartTimeOf(process.Id) ?? throw new InvalidOperationException($"The preview process {process.Id} ended at once (see {launch.LogFile}).");
        var handle = new PreviewHandle(launch.TaskId, $"{process.Id}:{startTime}");
        await File.WriteAllTextAsync(Path.Combine(launch.Root, PidFile), handle.RuntimeId, ct);
        return handle;
    }

    public async Task StopAsync(PreviewHandle handle, CancellationToken ct)
    {
        if (!IsAlive(handle, out var pid)) return;
        // The app leads its own session: signal the whole group, politely first.
        _ = Kill(-pid, SigTerm);
        var deadline = Stopwatch.StartNew();
        while (IsAlive(handle, out _) && deadline.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50, ct);
        if (IsAlive(handle, out _)) _ = Kill(-pid, SigKill);
        while (IsAlive(handle, out _) && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50, ct);
    }

    public Task<bool> IsRunningAsync(PreviewHandle handle, CancellationToken ct) => Task.FromResult(IsAlive(handle, out _));

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
        pid = parts.Length == 2 && int.TryParse(parts[0], out var p) ? p : 0;
        return pid > 0 && StartTimeOf(pid) is { } started && started.ToString(CultureInfo.InvariantCulture) == parts[1];
    }

    /// <summary>Field 22 of /proc/{pid}/stat (clock ticks since boot), or null when the process is gone or a zombie.</summary>
    static long? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
