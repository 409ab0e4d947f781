using System.Diagnostics;
using System.Globalization;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A real `git daemon` serving every repository under <see cref="Root"/> read-only over git:// on a free loopback
/// port, until disposed. It says "Ready to rumble" once it listens: the signal started waits for.
/// </summary>
public sealed class GitDaemon : IAsyncDisposable
{
    readonly List<string> output = [];
    Process? process;

    GitDaemon(string root) => Root = root;

    public string Root { get; }
    public int Port { get; } = FreePort.Next();

    /// <summary>The git:// URL of the repository at <paramref name="relativePath"/> under <see cref="Root"/>.</summary>
    public string Url(string relativePath) => $"git://127.0.0.1:{Port}/{relativePath.TrimStart('/')}";

    public static async Task<GitDaemon> StartAsync(string root, CancellationToken ct)
    {
        var daemon = new GitDaemon(root);
        var start = new ProcessStartInfo("git", ["daemon", "--verbose", "--reuseaddr", "--export-all", $"--base-path={root}",
            "--listen=127.0.0.1", $"--port={daemon.Port.ToString(CultureInfo.InvariantCulture)}", root])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = root;
        Process started;
        try { started = daemon.process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception ex)
        {
            RequiredServer.Unavailable("git daemon", ex.Message);
            throw;
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (daemon.output) daemon.output.Add(e.Data);
            if (e.Data.Contains("Ready to rumble", StringComparison.Ordinal)) ready.TrySetResult();
        }
        started.OutputDataReceived += OnLine;
        started.ErrorDataReceived += OnLine;
        started.EnableRaisingEvents = true;
        started.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"git daemon exited:\n{daemon.Output}"));
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return daemon;
    }

    public string Output { get { lock (output) return string.Join('\n', output); } }

    public async ValueTask DisposeAsync()
    {
        if (process is null) return;
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
