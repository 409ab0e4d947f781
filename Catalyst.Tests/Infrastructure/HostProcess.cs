using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A built Catalyst host (the Api, or the scripted agent worker) run as a real process, as `dotnet run`
/// would run it, with output captured for assertions and diagnostics.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    HostProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public int ProcessId => process.Id;

    public static HostProcess Api(string url, IReadOnlyDictionary<string, string?> environment, string? runAsUser = null, string? dll = null) =>
        Start(dll ?? AssemblyPath("Catalyst.Api"), url, environment, runAsUser);

    /// <summary>
    /// The Api with no <c>--urls</c>: where it listens comes from <paramref name="environment"/> (ASPNETCORE_URLS,
    /// HTTP_PORTS ...), from <paramref name="arguments"/>, or from its default.
    /// </summary>
    public static HostProcess ApiListeningAsConfigured(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start(AssemblyPath("Catalyst.Api"), null, environment, arguments: arguments);

    public static HostProcess Worker(string url, IReadOnlyDictionary<string, string?> environment) =>
        Start(AssemblyPath("Catalyst.Tests.Worker"), url, environment);

    /// <summary>The product's own agent worker (Catalyst.Agents) with the real agents.</summary>
    public static HostProcess AgentsWorker(string url, IReadOnlyDictionary<string, string?> environment) =>
        Start(AssemblyPath("Catalyst.Agents"), url, environment);

    // Where a host listens must come from the test alone, never from the environment the tests run in.
    static readonly string[] ListenVariables =
        [.. from prefix in new[] { "", "ASPNETCORE_", "DOTNET_" } from name in new[] { "URLS", "HTTP_PORTS", "HTTPS_PORTS" } select prefix + name];

    static HostProcess Start(
        string dll, string? url, IReadOnlyDictionary<string, string?> environment, string? runAsUser = null, IReadOnlyList<string>? arguments = null)
    {
        // runuser keeps the environment, so the settings below reach the process whichever user runs it.
        var start = new ProcessStartInfo(runAsUser is null ? "dotnet" : "runuser")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (runAsUser is not null) foreach (var a in new[] { "-u", runAsUser, "--", "dotnet" }) start.ArgumentList.Add(a);
        start.ArgumentList.Add(dll);
        if (url is not null) foreach (var a in new[] { "--urls", url }) start.ArgumentList.Add(a);
        foreach (var a in arguments ?? []) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var name in ListenVariables) start.Environment.Remove(name);
        start.Environment.Remove("ConnectionStrings__catalystdb");
        start.Environment.Remove("ConnectionStrings__messaging");
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        return new HostProcess(Process.Start(start)!);
    }

    /// <summary>Waits for a line of output containing <paramref name="text"/>; false when the process exits or time runs out.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
            await Task.Delay(100, ct);
        }
        return false;
    }

    public async Task<TimeSpan> WaitUntilHealthyAsync(Uri baseAddress, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The process exited with code {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health", ct)).IsSuccessStatusCode) return clock.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"The process was not healthy within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Ctrl+C equivalent: SIGTERM, then wait for the graceful shutdown to finish.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    /// <summary>
    /// A crash of this process alone: SIGKILL to it, not to its children, which live on as orphans would (the
    /// previews it started, for instance).
    /// </summary>
    public async Task KillAloneAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>A crash: SIGKILL, no shutdown code runs.</summary>
    /// <summary>SIGKILL to this process alone, as `kill -9 PID` sends it: its children are not signalled.</summary>
    public async Task KillProcessOnlyAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(TimeSpan.FromSeconds(30)); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        process.Dispose();
    }

    public static string AssemblyPath(string project)
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Could not find the repository root (Catalyst.sln) above the test binaries.");
        var dll = Path.Combine(dir.FullName, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first.", dll);
    }
}
