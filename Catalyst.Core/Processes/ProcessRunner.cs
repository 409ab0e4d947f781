using System.Diagnostics;
using System.Text;

namespace Catalyst.Core.Processes;

/// <summary>What to run: the one way Catalyst starts external programs (git, dotnet, node, servers).</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Told the process id as soon as it runs (the sandbox records it, to reap it after a crash of ours).</summary>
    public Action<int>? Started { get; init; }

    /// <summary>Runs the command as another OS user through runuser (only meaningful when running as root).</summary>
    public ProcessSpec AsUser(string? user) => user is null ? this : this with
    {
        FileName = "runuser",
        Arguments = ["-u", user, "--", FileName, .. Arguments],
    };

    public override string ToString() => $"{FileName} {string.Join(' ', Arguments)}";

    /// <summary>The start info for this spec: arguments one by one (no shell), all three streams redirected.</summary>
    public ProcessStartInfo ToStartInfo()
    {
        var startInfo = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? "",
        };
        foreach (var argument in Arguments) startInfo.ArgumentList.Add(argument);
        foreach (var (key, value) in Environment)
        {
            if (value is null) startInfo.Environment.Remove(key);
            else startInfo.Environment[key] = value;
        }
        return startInfo;
    }
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    public ProcessResult EnsureSuccess(ProcessSpec spec) => Succeeded ? this : throw new ProcessFailedException(spec, this);
}

public sealed class ProcessFailedException(ProcessSpec spec, ProcessResult result) : Exception(
    result.TimedOut
        ? $"'{spec.FileName}' did not finish within {spec.Timeout.TotalSeconds:0.#} s and was killed."
        : $"'{spec}' exited with code {result.ExitCode}: {Tail(result.StandardError, result.StandardOutput)}")
{
    public ProcessResult Result { get; } = result;

    static string Tail(string stderr, string stdout)
    {
        var text = (string.IsNullOrWhiteSpace(stderr) ? stdout : stderr).Trim();
        return text.Length <= 2000 ? text : "…" + text[^2000..];
    }
}

public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct);
}

/// <summary>
/// Runs a process to completion with captured output, a time limit and kill-on-cancel (whole process tree).
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct)
    {
        var startInfo = spec.ToStartInfo();

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };

        var clock = Stopwatch.StartNew();
        process.Start();
        spec.Started?.Invoke(process.Id);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = await RunToExitAsync(process, spec.Timeout, process.WaitForExitAsync, ct);
        return new ProcessResult(timedOut ? -1 : process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed, timedOut);
    }

    /// <summary>
    /// Runs <paramref name="untilExit"/> (which ends when the process does) within the time limit. At the limit, or on
    /// cancellation, the whole process tree is killed and reaped; cancellation then throws. Returns whether the limit ended it.
    /// </summary>
    static async Task<bool> RunToExitAsync(Process process, TimeSpan limit, Func<CancellationToken, Task> untilExit, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            await untilExit(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            var timedOut = !ct.IsCancellationRequested;
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return timedOut;
        }
    }

    static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }
}
