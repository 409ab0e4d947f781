using System.Diagnostics;
using System.Globalization;
using Catalyst.Core.Processes;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A real Caddy from the installed package with nothing configured but its admin API on a free loopback port:
/// the preview router loads its own HTTP server through that API, on <see cref="HttpPort"/>. Its home, config
/// and data folders are private, and it neither saves nor resumes a configuration.
/// </summary>
public sealed class CaddyServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/caddy";

    readonly TestDirectory directory = new("caddy");
    readonly List<string> output = [];
    readonly int adminPort = FreePort.Next();
    Process? process;

    /// <summary>The admin API's base address, <c>http://127.0.0.1:{port}</c>, as Catalyst:Preview:Routing:CaddyAdminUrl takes it.</summary>
    public string AdminUrl => $"http://127.0.0.1:{adminPort}";

    /// <summary>A free loopback port for the HTTP server the router configures (Caddy listens on nothing until then).</summary>
    public int HttpPort { get; } = FreePort.Next();

    public static bool IsInstalled => File.Exists(Binary);

    public async Task StartAsync(CancellationToken ct)
    {
        var config = Path.Combine(directory.Path, "caddy.json");
        await File.WriteAllTextAsync(config, $$"""{"admin": {"listen": "127.0.0.1:{{adminPort}}", "config": {"persist": false} } }""", ct);

        var start = new ProcessStartInfo(Binary, ["run", "--config", config])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory.Path,
        };
        start.Environment["HOME"] = directory.Path;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(directory.Path, "config");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(directory.Path, "data");
        var started = process = Process.Start(start)!;

        // Caddy logs when it serves its configuration, admin endpoint included: the signal to wait for.
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) { output.Add(e.Data); if (output.Count > 200) output.RemoveAt(0); }
            if (e.Data.Contains("serving initial configuration", StringComparison.Ordinal)) serving.TrySetResult();
        }
        started.OutputDataReceived += OnLine;
        started.ErrorDataReceived += OnLine;
        started.EnableRaisingEvents = true;
        // Not its exit code: the handler may run after the process object is disposed at the end of the run.
        started.Exited += (_, _) => serving.TrySetException(new InvalidOperationException($"caddy exited:\n{Output}"));
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        try
        {
            await serving.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"caddy did not serve its configuration within 30 s:\n{Output}");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        (await http.GetAsync($"{AdminUrl}/config/", ct)).EnsureSuccessStatusCode();
    }

    string Output
    {
        get { lock (output) return string.Join('\n', output.TakeLast(30)); }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                await new ProcessRunner().RunAsync(new ProcessSpec("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await process.WaitForExitAsync(stopping.Token); }
                catch (OperationCanceledException) { process.Kill(); await process.WaitForExitAsync(); }
            }
            process.Dispose();
        }
        directory.Dispose();
    }
}
