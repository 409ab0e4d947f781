using System.Diagnostics;
using System.Globalization;
using Catalyst.Agents.Docker;
using Catalyst.Core.Processes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Tester;

/// <summary>
/// Runs each command of generated code in a fresh container of <see cref="DockerOptions.SandboxImage"/>: no
/// network unless the command needs one, memory, process and CPU limits the kernel enforces, no capabilities,
/// a read-only root, and only the workspace (read-write, at its own path, as the working directory), the package
/// caches and the host runtimes mounted. The environment is built from nothing, as in <see cref="ProcessSandbox"/>.
/// </summary>
/// <remarks>
/// The container runs as this process's own user, as the process sandbox does: a rootful daemon maps no user ids,
/// and the build writes bin/, obj/ and the reports into the workspace that user owns.
/// </remarks>
public sealed class ContainerSandbox(IDockerClient docker, IOptions<DockerOptions> dockerOptions, SandboxOptions options) : ISandbox
{
    public const string SandboxLabel = "catalyst.sandbox";

    public async Task<ProcessResult> RunAsync(string workspace, SandboxCommand command, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var container = await SandboxContainer.StartAsync(docker, Parameters(workspace, command, publishedPort: null), command.NeedsNetwork, ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(command.Timeout);
        try
        {
            var exit = await docker.Containers.WaitContainerAsync(container.Id, timeout.Token);
            var (stdout, stderr) = await container.ReadOutputAsync(ct);
            if ((await docker.Containers.InspectContainerAsync(container.Id, ct)).State.OOMKilled)
                stderr += $"{Environment.NewLine}sandbox: killed for going over the memory limit of {options.MemoryLimitBytes / 1024 / 1024} MiB.{Environment.NewLine}";
            return new ProcessResult((int)exit.StatusCode, stdout, stderr, clock.Elapsed, TimedOut: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The time limit: kill it now and keep what it wrote; disposing removes the container.
            await container.KillAsync();
            var (stdout, stderr) = await container.ReadOutputAsync(CancellationToken.None);
            return new ProcessResult(-1, stdout, stderr, clock.Elapsed, TimedOut: true);
        }
    }

    public async Task<IRunningProcess> StartAsync(string workspace, SandboxCommand command, string logFile, CancellationToken ct)
    {
        // The app gets a bridge of its own, published on 127.0.0.1 only: reachable from the host, and never on
        // the host's other services, as it would be with the host's network.
        var port = command.Environment.TryGetValue("PORT", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : (int?)null;
        var container = await SandboxContainer.StartAsync(docker, Parameters(workspace, command, port), needsNetwork: port is not null, ct);
        return new RunningContainer(docker, container, logFile);
    }

    CreateContainerParameters Parameters(string workspace, SandboxCommand command, int? publishedPort)
    {
        var home = Path.Combine(workspace, ".sandbox", "home");
        var temp = Path.Combine(workspace, ".sandbox", "tmp");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(temp);
        // Mounting a missing folder would make the daemon create it, owned by root.
        Directory.CreateDirectory(options.NuGetPackages);
        Directory.CreateDirectory(options.NpmCache);

        // Built from nothing: a container inherits no variable of ours, only these (and the image's own).
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["TMPDIR"] = temp,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = options.NuGetPackages,
            ["npm_config_cache"] = options.NpmCache,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // The minimal image has no ICU. No heap caps as in the process sandbox: the container's memory limit
            // is a cgroup, which .NET and Node size their heaps by.
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            ["LANG"] = "C.UTF-8",
            ["CI"] = "true",
        };
        foreach (var (key, value) in HostRuntimeMounts.Environment(dockerOptions.Value)) environment[key] = value;
        foreach (var (key, value) in command.Environment) environment[key] = value;
        if (publishedPort is { } port)
        {
            // Inside its own network namespace the app must listen beyond loopback for the published port to reach it.
            environment["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}";
            environment["HOST"] = "0.0.0.0";
        }

        // Only a restore may add to the shared package caches; a build or a test could otherwise poison them.
        var caches = command.NeedsNetwork ? "rw" : "ro";
        var containerPort = $"{publishedPort}/tcp";
        return new CreateContainerParameters
        {
            Image = dockerOptions.Value.SandboxImage,
            Cmd = [command.FileName, .. command.Arguments],
            WorkingDir = workspace,
            User = UnixIdentity.UserAndGroup,
            Env = [.. environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = new Dictionary<string, string> { [SandboxLabel] = "true" },
            ExposedPorts = publishedPort is null ? null : new Dictionary<string, EmptyStruct> { [containerPort] = default },
            HostConfig = new HostConfig
            {
                PortBindings = publishedPort is null ? null : new Dictionary<string, IList<PortBinding>>
                {
                    [containerPort] = [new PortBinding { HostIP = "127.0.0.1", HostPort = publishedPort.Value.ToString(CultureInfo.InvariantCulture) }],
                },
                Binds =
                [
                    $"{workspace}:{workspace}:rw",
                    $"{options.NuGetPackages}:{options.NuGetPackages}:{caches}",
                    $"{options.NpmCache}:{options.NpmCache}:{caches}",
                    .. HostRuntimeMounts.Binds(dockerOptions.Value),
                ],
                Memory = options.MemoryLimitBytes,
                MemorySwap = options.MemoryLimitBytes,
                PidsLimit = options.PidsLimit,
                NanoCPUs = (long)(options.Cpus * 1_000_000_000),
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=256m" },
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                // The same rlimits the process sandbox sets through prlimit.
                Ulimits =
                [
                    new Ulimit { Name = "core", Soft = 0, Hard = 0 },
                    new Ulimit { Name = "fsize", Soft = options.MaxFileBytes, Hard = options.MaxFileBytes },
                    new Ulimit { Name = "nofile", Soft = 4096, Hard = 4096 },
                ],
                LogConfig = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "50m", ["max-file"] = "1" } },
            },
        };
    }

    /// <summary>The app under test: exited when its container stopped; disposing removes the container and its network.</summary>
    sealed class RunningContainer : IRunningProcess
    {
        readonly SandboxContainer container;
        readonly CancellationTokenSource stopping = new();
        readonly Task exited;
        readonly Task logging;

        public RunningContainer(IDockerClient docker, SandboxContainer container, string logFile)
        {
            this.container = container;
            exited = docker.Containers.WaitContainerAsync(container.Id, stopping.Token);
            logging = container.FollowOutputAsync(logFile, stopping.Token);
        }

        public bool HasExited => exited.IsCompleted;

        public async ValueTask DisposeAsync()
        {
            // Removing the container ends its log stream (the last lines reach the file) and its wait.
            await container.DisposeAsync();
            stopping.CancelAfter(TimeSpan.FromSeconds(5));
            await Task.WhenAll(exited, logging).ContinueWith(_ => { }, TaskScheduler.Default);
            stopping.Dispose();
        }
    }
}
