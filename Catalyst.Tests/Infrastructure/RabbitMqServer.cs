using System.Diagnostics;
using Catalyst.Core.Processes;
using RabbitMQ.Client;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ broker from the installed rabbitmq-server, with its own node name, Erlang cookie, data
/// folder and loopback ports (AMQP, distribution and epmd), so it never meets another broker on the machine.
/// Readiness is an AMQP handshake, not rabbitmqctl: each CLI call boots an Erlang VM and costs seconds.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    readonly TestDirectory directory = new("rmq");
    readonly int epmdPort = FreePort.Next();
    readonly int distributionPort = FreePort.Next();
    readonly string nodeName = $"catalyst-test-{Guid.NewGuid():N}"[..26] + "@localhost";
    readonly Queue<string> output = new();
    Process? process;

    public int Port { get; } = FreePort.Next();

    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static bool IsInstalled => File.Exists(ServerScript);

    public async Task StartAsync(CancellationToken ct)
    {
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "enabled_plugins"), "[].", ct);
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "rabbitmq.conf"), "", ct);

        var start = new ProcessStartInfo(ServerScript) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in Environment()) start.Environment[key] = value;
        process = Process.Start(start)!;
        // Drain output so the broker never blocks on a full pipe; boot errors (a port in use) are printed, not logged.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with code {process.ExitCode}. Its logs end:\n{LogTail()}");
            if (await AcceptsConnectionsAsync(ct)) return;
            if (clock.Elapsed > BootLimit)
                throw new TimeoutException($"RabbitMQ did not accept connections within {BootLimit.TotalSeconds:0} s. Its logs end:\n{LogTail()}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>
    /// A fresh virtual host: its own exchanges and queues, so tests sharing this broker never see each other's
    /// messages (every Catalyst queue name is fixed by the topology).
    /// </summary>
    public async Task<Uri> CreateVirtualHostAsync(CancellationToken ct)
    {
        var vhost = $"t-{Guid.NewGuid():N}";
        await RabbitMqCtlAsync(ct, "add_vhost", vhost);
        await RabbitMqCtlAsync(ct, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return new Uri($"amqp://guest:guest@127.0.0.1:{Port}/{vhost}");
    }

    async Task RabbitMqCtlAsync(CancellationToken ct, params string[] arguments)
    {
        var spec = new ProcessSpec("/usr/lib/rabbitmq/bin/rabbitmqctl", ["-n", nodeName, .. arguments])
        {
            Environment = Environment().ToDictionary(e => e.Key, e => (string?)e.Value),
            Timeout = TimeSpan.FromSeconds(60),
        };
        (await new ProcessRunner().RunAsync(spec, ct)).EnsureSuccess(spec);
    }

    /// <summary>Stops the broker the way an operator would (SIGTERM), keeping its data for a restart.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        var pid = File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var p) ? p : (int?)null;
        if (!process.HasExited) Signal(process.Id);
        if (pid is not null) Signal(pid.Value);
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        // The Erlang VM may outlive the wrapper script: wait for the pid the broker wrote.
        for (var i = 0; pid is not null && i < 150 && IsAlive(pid.Value); i++) await Task.Delay(200);
        process.Dispose();
        process = null;
    }

    public async Task RestartAsync(CancellationToken ct)
    {
        await StopAsync();
        await StartAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            // epmd is started on demand by the VM and outlives it.
            await new ProcessRunner().RunAsync(new ProcessSpec("epmd", ["-port", epmdPort.ToString(), "-kill"]) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
            directory.Dispose();
        }
    }

    // A boot takes seconds; a machine loaded by parallel builds has been seen to need far more.
    static readonly TimeSpan BootLimit = TimeSpan.FromSeconds(120);

    string LogDirectory => Path.Combine(directory.Path, "log");

    /// <summary>The end of the broker's logs, for the failure message: the folder is deleted with the server.</summary>
    string LogTail()
    {
        var logs = Directory.Exists(LogDirectory) ? Directory.GetFiles(LogDirectory) : [];
        lock (output)
            return string.Join('\n', logs.SelectMany(f => File.ReadLines(f).TakeLast(15).Prepend($"== {Path.GetFileName(f)}"))
                .Concat(output.Prepend("== output")));
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > 20) output.Dequeue();
        }
    }
    string PidFile => Path.Combine(directory.Path, "rabbitmq.pid");

    Dictionary<string, string> Environment()
    {
        const string loopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";
        return new()
        {
            ["HOME"] = directory.Path,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = epmdPort.ToString(),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory.Path, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory.Path, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory.Path, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = LogDirectory,
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_CTL_ERL_ARGS"] = loopbackOnly,
        };
    }

    async Task<bool> AcceptsConnectionsAsync(CancellationToken ct)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = AmqpUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
            await using var connection = await factory.CreateConnectionAsync(ct);
            return connection.IsOpen;
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or System.Net.Sockets.SocketException or IOException)
        {
            return false;
        }
    }

    static void Signal(int pid)
    {
        try { Process.Start("kill", ["-TERM", pid.ToString()])?.WaitForExit(5000); }
        catch (System.ComponentModel.Win32Exception) { }
    }

    static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");
}
