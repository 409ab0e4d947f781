using System.Diagnostics;
using Catalyst.Core.Processes;

namespace Catalyst.Agents.Tester;

/// <summary>
/// Runs generated code as a local process: a clean environment built from scratch (PATH, a private HOME and
/// temp folder inside the workspace, shared package caches, CI=true), rlimits through prlimit (no core dumps,
/// bounded file size and open files), a managed-heap cap for .NET and Node, and the whole process tree killed
/// at the time limit.
/// </summary>
public sealed class ProcessSandbox(IProcessRunner runner, SandboxOptions options) : ISandbox
{
    public Task<ProcessResult> RunAsync(string workspace, SandboxCommand command, CancellationToken ct) =>
        runner.RunAsync(Prepare(workspace, command), ct);

    public Task<IRunningProcess> StartAsync(string workspace, SandboxCommand command, string logFile, CancellationToken ct) =>
        Task.FromResult<IRunningProcess>(new RunningProcess(Process.Start(Prepare(workspace, command).ToStartInfo())!, logFile));

    /// <summary>The command as the sandbox runs it: scrubbed environment, private HOME and temp folder under <paramref name="workspace"/>, rlimits.</summary>
    public ProcessSpec Prepare(string workspace, SandboxCommand command)
    {
        var home = System.IO.Path.Combine(workspace, ".sandbox", "home");
        var temp = System.IO.Path.Combine(workspace, ".sandbox", "tmp");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(temp);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Start from nothing: every variable of the parent is removed, then only these are set.
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>()) environment[key] = null;
        environment["PATH"] = options.Path;
        environment["HOME"] = home;
        environment["TMPDIR"] = temp;
        environment["DOTNET_CLI_HOME"] = home;
        environment["NUGET_PACKAGES"] = options.NuGetPackages;
        environment["npm_config_cache"] = options.NpmCache;
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

        var limited = File.Exists(options.Prlimit)
            ? new ProcessSpec(options.Prlimit, ["--core=0", $"--fsize={options.MaxFileBytes}", "--nofile=4096", "--", command.FileName, .. command.Arguments])
            : new ProcessSpec(command.FileName, command.Arguments);
        return limited with { WorkingDirectory = workspace, Environment = environment, Timeout = command.Timeout };
    }

    sealed class RunningProcess : IRunningProcess
    {
        readonly Process process;
        readonly StreamWriter log;

        public RunningProcess(Process process, string logFile)
        {
            this.process = process;
            log = new StreamWriter(logFile) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => process.HasExited;

        public async ValueTask DisposeAsync()
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
            process.Dispose();
            lock (log) log.Dispose();
        }
    }
}

/// <summary>Where the Tester runs generated code.</summary>
public enum SandboxIsolation
{
    /// <summary>Containers when a Docker daemon is configured (Catalyst:Docker:Endpoint), else processes.</summary>
    Auto,
    Process,
    Container,
}

public sealed class SandboxOptions
{
    public SandboxIsolation Isolation { get; set; } = SandboxIsolation.Auto;

    /// <summary>Where tools are found; not secret, so the host's own PATH is kept.</summary>
    public string Path { get; set; } = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
    public string Prlimit { get; set; } = "/usr/bin/prlimit";
    public string NuGetPackages { get; set; } = System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    public string NpmCache { get; set; } = System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".npm");
    public long MemoryLimitBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public long MaxFileBytes { get; set; } = 1L * 1024 * 1024 * 1024;

    /// <summary>Container sandbox only: processes and threads (a build runs many of both) and CPUs.</summary>
    public long PidsLimit { get; set; } = 1024;
    public double Cpus { get; set; } = 2.0;
}
