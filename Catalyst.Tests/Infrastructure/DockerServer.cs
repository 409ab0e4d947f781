using System.Diagnostics;
using System.Globalization;
using Catalyst.Core.Processes;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A private Docker daemon from the installed docker.io: its own data, exec root, socket, containerd namespace
/// and configuration file (the machine's /etc/docker/daemon.json is not read), no default bridge, and no change to
/// the host's iptables or IP forwarding. User-defined bridge networks still work, and ports published on 127.0.0.1
/// reach containers through docker-proxy, which needs neither. Containers have no way out to other hosts.
/// On start it imports the cached base image (eng/preview-base-image.sh builds it once per machine).
/// </summary>
public sealed class DockerServer : IAsyncDisposable
{
    public const string Daemon = "/usr/sbin/dockerd";
    public const string BaseImage = "catalyst/preview-base:bookworm";

    // Under /tmp with a short name: a unix socket path must stay under 108 bytes.
    readonly TestDirectory directory = new("dockerd");
    readonly List<string> output = [];
    Process? process;

    public string Endpoint => $"unix://{Socket}";

    public IDockerClient Client { get; private set; } = null!;

    public static bool IsInstalled => File.Exists(Daemon);

    /// <summary>
    /// The cached base root file system, as eng/preview-base-image.sh names it (it keys the file by content, so
    /// the script is asked rather than the name repeated here). It builds the tarball first when it is missing.
    /// </summary>
    public static async Task<string> BaseTarballAsync(CancellationToken ct)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Catalyst.sln"))) root = root.Parent;
        var script = root is null ? null : Path.Combine(root.FullName, "eng", "preview-base-image.sh");
        if (script is null || !File.Exists(script)) throw new InvalidOperationException("eng/preview-base-image.sh was not found above the test binaries.");
        var spec = new ProcessSpec("bash", [script]) { Timeout = TimeSpan.FromMinutes(10) };
        var result = await new ProcessRunner().RunAsync(spec, ct);
        if (!result.Succeeded) throw new InvalidOperationException($"eng/preview-base-image.sh failed: {result.StandardError.Trim()}");
        return result.StandardOutput.Trim().Split('\n')[^1];
    }

    /// <summary>The daemon's private folder (data, exec root, socket); removed on dispose.</summary>
    public string Folder => directory.Path;

    string Socket => Path.Combine(directory.Path, "docker.sock");

    /// <param name="importBaseImage">Import <see cref="BaseImage"/> (about 3 s); a test of the daemon alone can skip it.</param>
    public async Task StartAsync(CancellationToken ct, bool importBaseImage = true)
    {
        var configFile = Path.Combine(directory.Path, "daemon.json");
        await File.WriteAllTextAsync(configFile, "{}", ct);
        var name = Path.GetFileName(directory.Path);
        string[] arguments =
        [
            "--config-file", configFile,
            "--data-root", Path.Combine(directory.Path, "root"),
            "--exec-root", Path.Combine(directory.Path, "exec"),
            "--pidfile", Path.Combine(directory.Path, "docker.pid"),
            "-H", Endpoint,
            // Its own containerd namespaces: a system containerd, if one runs, is shared with other daemons.
            "--containerd-namespace", name,
            "--containerd-plugins-namespace", name + "-plugins",
            // Leave the host's packet filter and forwarding alone, and make no docker0.
            "--iptables=false", "--ip-forward=false", "--ip-masq=false", "--bridge=none",
            "--default-address-pool", $"base={FreeSubnet()},size=24",
        ];
        var start = new ProcessStartInfo(Daemon, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var started = process = Process.Start(start)!;

        // dockerd says when its API listens; that line is the signal to wait for.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) { output.Add(e.Data); if (output.Count > 200) output.RemoveAt(0); }
            if (e.Data.Contains("API listen on", StringComparison.Ordinal)) listening.TrySetResult();
        }
        started.OutputDataReceived += OnLine;
        started.ErrorDataReceived += OnLine;
        started.EnableRaisingEvents = true;
        // Not its exit code: the handler may run after the process object is disposed at the end of the run.
        started.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"dockerd exited:\n{Output}"));
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"dockerd did not listen within 60 s:\n{Output}");
        }

        Client = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
        await Client.System.PingAsync(ct);
        if (importBaseImage) await ImportBaseImageAsync(ct);
    }

    string Output
    {
        get { lock (output) return string.Join('\n', output.TakeLast(30)); }
    }

    async Task ImportBaseImageAsync(CancellationToken ct)
    {
        var path = await BaseTarballAsync(ct);
        await using var tarball = File.OpenRead(path);
        var errors = new ImportErrors();
        var (repository, tag) = (BaseImage[..BaseImage.IndexOf(':')], BaseImage[(BaseImage.IndexOf(':') + 1)..]);
        await Client.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag }, tarball, null, errors, ct);
        if (errors.First is { } error) throw new InvalidOperationException($"Importing {path} as {BaseImage} failed: {error}");
    }

    /// <summary>The Engine reports a failed import inside a 200 response; collected as they come (no thread-pool posting).</summary>
    sealed class ImportErrors : IProgress<JSONMessage>
    {
        public string? First { get; private set; }

        public void Report(JSONMessage value)
        {
            if (value.Error?.Message is { Length: > 0 } message) First ??= message;
        }
    }

    /// <summary>
    /// A 172.x.0.0/16 that no route of the host uses: another daemon's bridges (another test run's) must not be
    /// given the same subnet, or the two would shadow each other's routes.
    /// </summary>
    static string FreeSubnet()
    {
        var used = File.ReadLines("/proc/net/route").Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 1 && fields[1].Length == 8)
            // Little-endian hex: the first octet is the last byte.
            .Select(fields => (First: Convert.ToInt32(fields[1][6..8], 16), Second: Convert.ToInt32(fields[1][4..6], 16)))
            .Where(octets => octets.First == 172)
            .Select(octets => octets.Second)
            .ToHashSet();
        var free = Enumerable.Range(18, 14).Where(second => !used.Contains(second)).ToList();
        if (free.Count == 0) throw new InvalidOperationException("Every 172.18-31.0.0/16 is in use by a route of this host.");
        return $"172.{free[Random.Shared.Next(free.Count)]}.0.0/16";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (process is not null && !process.HasExited) await RemoveEverythingAsync();
        }
        finally
        {
            await StopAsync();
            directory.Dispose();
        }
    }

    /// <summary>Every container and network left: their veth pairs and bridges would outlive the daemon.</summary>
    async Task RemoveEverythingAsync()
    {
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var container in await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cleanup.Token))
            await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cleanup.Token);
        foreach (var network in await Client.Networks.ListNetworksAsync(new NetworksListParameters(), cleanup.Token))
            if (network.Name is not ("none" or "host" or "bridge"))
                await Client.Networks.DeleteNetworkAsync(network.ID, cleanup.Token);
    }

    async Task StopAsync()
    {
        Client?.Dispose();
        if (process is null) return;
        if (!process.HasExited)
        {
            await new ProcessRunner().RunAsync(new ProcessSpec("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await process.WaitForExitAsync(stopping.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        }
        process.Dispose();
        process = null;
    }
}
