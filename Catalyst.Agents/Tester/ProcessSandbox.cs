using System.Diagnostics;
using System.Globalization;
using Catalyst.Agents.Tester.Forwarding;
using Catalyst.Core.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Catalyst.Agents.Tester;

/// <summary>
/// Runs generated code as a local process: a clean environment built from scratch (PATH, a private HOME and
/// temp folder inside the workspace, CI=true), rlimits through prlimit (no core dumps, bounded file size and
/// open files), a managed-heap cap for .NET and Node, and the whole process tree killed at the time limit or on
/// cancellation. With bubblewrap (<see cref="SandboxConfinement"/>) each run also gets namespaces of its own,
/// an unprivileged user and a loopback-only network; an app it starts is reached through a forwarded port.
/// </summary>
public sealed partial class ProcessSandbox : ISandbox
{
    readonly IProcessRunner runner;
    readonly SandboxOptions options;
    readonly IPortForwarder forwarder;
    readonly ILogger logger;
    readonly SandboxRuns runs;
    int warned;

    public ProcessSandbox(IProcessRunner runner, SandboxOptions options, IPortForwarder forwarder, ILogger<ProcessSandbox> logger)
    {
        (this.runner, this.options, this.forwarder, this.logger) = (runner, options, forwarder, logger);
        Confinement = new SandboxConfinement(options);
        runs = new SandboxRuns(options);
    }

    public ProcessSandbox(IProcessRunner runner, SandboxOptions options)
        : this(runner, options, new NamespacePortForwarder(NullLogger<NamespacePortForwarder>.Instance), NullLogger<ProcessSandbox>.Instance) { }

    public SandboxConfinement Confinement { get; }

    /// <summary>Kills what an earlier, crashed Catalyst process left running; called once at start-up.</summary>
    public int ReapLeftovers() => runs.ReapLeftovers();

    public async Task<ProcessResult> RunAsync(string workspace, SandboxCommand command, CancellationToken ct)
    {
        var spec = Prepare(workspace, command);
        await HandOverAsync(workspace, command, ct);
        IDisposable? marker = null;
        try
        {
            var running = await LauncherThread.Run(() => runner.RunAsync(spec with { Started = pid => marker = runs.Record(pid) }, ct));
            return await running;
        }
        finally { marker?.Dispose(); }
    }

    public async Task<IRunningProcess> StartAsync(string workspace, SandboxCommand command, string logFile, CancellationToken ct)
    {
        var spec = Prepare(workspace, command);
        await HandOverAsync(workspace, command, ct);
        var process = await LauncherThread.Run(() => Process.Start(spec.ToStartInfo())!);
        var marker = runs.Record(process.Id);
        var forwarding = Confinement.IsAvailable && command.Environment.TryGetValue("PORT", out var port)
            ? forwarder.Forward(int.Parse(port, CultureInfo.InvariantCulture), process.Id)
            : null;
        return new RunningProcess(process, logFile, forwarding, marker);
    }

    /// <summary>The command as the sandbox runs it: scrubbed environment, private HOME and temp folder under <paramref name="workspace"/>, rlimits, namespaces.</summary>
    public ProcessSpec Prepare(string workspace, SandboxCommand command)
    {
        var home = Path.Combine(workspace, ".sandbox", "home");
        var temp = Path.Combine(workspace, ".sandbox", "tmp");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(temp);
        var confined = Confine();
        var caches = confined ? options.CacheFolder : null;
        // Made before the mounts are listed: a folder that is not there is not mounted.
        if (caches is not null) foreach (var cache in new[] { "nuget", "npm" }) Directory.CreateDirectory(Path.Combine(caches, cache));

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Start from nothing: every variable of the parent is removed, then only these are set.
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>()) environment[key] = null;
        environment["PATH"] = options.Path;
        environment["HOME"] = home;
        environment["TMPDIR"] = temp;
        environment["DOTNET_CLI_HOME"] = home;
        // Confined, the host's caches are read-only: packages it lacks go to the sandbox's own cache.
        environment["NUGET_PACKAGES"] = caches is null ? options.NuGetPackages : Path.Combine(caches, "nuget");
        if (caches is not null) environment["NUGET_FALLBACK_PACKAGES"] = options.NuGetPackages;
        environment["npm_config_cache"] = caches is null ? options.NpmCache : Path.Combine(caches, "npm");
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No build server may outlive the step: a reused MSBuild node kept running for minutes, holding the
        // workspace as its TMPDIR and HOME.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["DOTNET_GCHeapHardLimit"] = $"0x{options.MemoryLimitBytes:X}";
        environment["NODE_OPTIONS"] = $"--max-old-space-size={options.MemoryLimitBytes / 1024 / 1024}";
        environment["LANG"] = "C.UTF-8";
        environment["CI"] = "true";
        foreach (var (key, value) in command.Environment) environment[key] = value;

        var workingDirectory = command.WorkingDirectory ?? workspace;
        IReadOnlyList<string> line = [command.FileName, .. command.Arguments];
        if (confined)
        {
            var mounts = new SandboxMounts(
                Writable: [workspace, .. command.WritablePaths, .. caches is null ? [] : new[] { caches }],
                ReadOnly: [options.NuGetPackages, .. Confinement.ToolFolders(options.Path), .. command.ReadOnlyPaths],
                Network: command.NeedsNetwork);
            line = Confinement.Wrap(workingDirectory, mounts, line);
        }
        var limited = File.Exists(options.Prlimit)
            ? new ProcessSpec(options.Prlimit, ["--core=0", $"--fsize={options.MaxFileBytes}", "--nofile=4096", "--", .. line])
            : new ProcessSpec(line[0], line.Skip(1).ToList());
        return limited with { WorkingDirectory = workingDirectory, Environment = environment, Timeout = command.Timeout };
    }

    /// <summary>
    /// Whether this run is confined. Without bubblewrap it still runs, with a warning (once), unless
    /// <see cref="SandboxOptions.RequireConfinement"/> says it must not.
    /// </summary>
    bool Confine()
    {
        if (Confinement.Missing is not { } missing) return true;
        if (options.RequireConfinement)
            throw new InvalidOperationException($"Generated code must run confined (Catalyst:Agents:Sandbox:RequireConfinement), but {missing}.");
        if (Interlocked.Exchange(ref warned, 1) == 0) LogUnconfined(logger, missing);
        return false;
    }

    /// <summary>
    /// Gives the run's user the folders it writes (the workspace, the sandbox's caches). chown -h changes links
    /// themselves and -R does not follow them, so a link planted by an earlier run cannot hand over a host file.
    /// </summary>
    public async Task HandOverAsync(string workspace, SandboxCommand command, CancellationToken ct)
    {
        if (!Confinement.IsAvailable || !Confinement.ChangesUser) return;
        string[] folders = [workspace, .. command.WritablePaths.Where(Directory.Exists), .. options.CacheFolder is { } c ? new[] { c } : []];
        var owner = $"{options.UserId.ToString(CultureInfo.InvariantCulture)}:{options.GroupId.ToString(CultureInfo.InvariantCulture)}";
        (await runner.RunAsync(new ProcessSpec("chown", ["-R", "-h", owner, "--", .. folders]) { Timeout = TimeSpan.FromMinutes(2) }, ct))
            .EnsureSuccess(new ProcessSpec("chown", folders));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated code runs UNCONFINED (same user, namespaces and network as Catalyst; only the environment scrub and rlimits hold): {Missing}. Install bubblewrap; see docs/previews.md")]
    static partial void LogUnconfined(ILogger logger, string missing);

    sealed class RunningProcess : IRunningProcess
    {
        readonly Process process;
        readonly StreamWriter log;
        readonly IAsyncDisposable? forwarding;
        readonly IDisposable marker;

        public RunningProcess(Process process, string logFile, IAsyncDisposable? forwarding, IDisposable marker)
        {
            (this.process, this.forwarding, this.marker) = (process, forwarding, marker);
            log = new StreamWriter(logFile) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => process.HasExited;

        public async ValueTask DisposeAsync()
        {
            if (forwarding is not null) await forwarding.DisposeAsync();
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
            process.Dispose();
            marker.Dispose();
            lock (log) log.Dispose();
        }
    }
}
