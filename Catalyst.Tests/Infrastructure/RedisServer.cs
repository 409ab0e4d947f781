using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Catalyst.Core.Processes;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A real redis-server from the installed package on a free loopback port, with a private working folder and
/// no persistence (it is a cache). Started daemonised, as the AppHost's local mode runs it; stopped through
/// its pid file.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    readonly TestDirectory directory = new("redis");
    readonly ProcessRunner runner = new();
    int? pid;

    public int Port { get; } = FreePort.Next();

    /// <summary>A StackExchange.Redis connection string, as ConnectionStrings:cache takes it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static bool IsInstalled => File.Exists(Binary);

    string PidFile => Path.Combine(directory.Path, "redis.pid");

    string LogFile => Path.Combine(directory.Path, "redis.log");

    public async Task StartAsync(CancellationToken ct)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var spec = new ProcessSpec(Binary, [
            "--bind", "127.0.0.1", "--port", port, "--dir", directory.Path, "--daemonize", "yes", "--pidfile", PidFile,
            "--logfile", LogFile, "--save", "", "--appendonly", "no"])
        { Timeout = TimeSpan.FromSeconds(30) };
        var started = await runner.RunAsync(spec, ct);
        if (!started.Succeeded) throw new InvalidOperationException($"redis-server did not start (exit {started.ExitCode}): {started.StandardError}{started.StandardOutput}");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await AnswersPingAsync(ct))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"redis-server did not answer PING on port {Port} within 20 s:\n{Log()}");
            await Task.Delay(50, ct);
        }
        pid = int.Parse((await File.ReadAllTextAsync(PidFile, ct)).Trim(), CultureInfo.InvariantCulture);
    }

    async Task<bool> AnswersPingAsync(CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, ct);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException) { return false; }
        catch (IOException) { return false; }
    }

    string Log() => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        // A start that timed out may still have left a daemon behind: its pid file names it.
        if (pid is null && File.Exists(PidFile) && int.TryParse(await File.ReadAllTextAsync(PidFile), CultureInfo.InvariantCulture, out var written)) pid = written;
        if (pid is { } id)
        {
            await runner.RunAsync(new ProcessSpec("kill", ["-TERM", id.ToString(CultureInfo.InvariantCulture)]) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
            // A daemon is not our child: wait for its /proc entry to go.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Directory.Exists($"/proc/{id}") && DateTime.UtcNow < deadline) await Task.Delay(50);
            if (Directory.Exists($"/proc/{id}"))
                await runner.RunAsync(new ProcessSpec("kill", ["-KILL", id.ToString(CultureInfo.InvariantCulture)]) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
        }
        directory.Dispose();
    }
}
