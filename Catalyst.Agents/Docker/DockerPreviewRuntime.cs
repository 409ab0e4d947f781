using System.Globalization;
using Catalyst.Agents.Deployer;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Docker;

/// <summary>
/// Runs each preview as a container built for it: an image <c>catalyst-preview/{name}:latest</c> holding the
/// built app, a bridge network of its own (so previews never see each other), and the container named after the
/// preview, published on 127.0.0.1 only, with memory, CPU and process limits, no capabilities, a read-only root
/// and the preview's data folder as its one writable mount.
/// </summary>
public sealed partial class DockerPreviewRuntime(
    IDockerClient docker, IOptions<DockerOptions> dockerOptions, IOptions<PreviewOptions> previewOptions, ILogger<DockerPreviewRuntime> logger) : IPreviewRuntime
{
    public const string PreviewLabel = "catalyst.preview";
    public const string TaskLabel = "catalyst.task";

    static readonly string ContainerPort = $"{PreviewDockerfile.ContainerPort}/tcp";
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    public PreviewMode Mode => PreviewMode.Docker;

    public static string ImageFor(string name) => $"catalyst-preview/{name}:latest";

    public async Task<PreviewHandle> StartAsync(PreviewLaunch launch, CancellationToken ct)
    {
        var image = ImageFor(launch.Name);
        // An earlier attempt for the same task may have left any of the three behind; it is replaced, without grace.
        await RemoveAsync(launch.Name, launch.Name, image, graceful: false, ct);

        Directory.CreateDirectory(launch.DataDirectory);
        UnixIdentity.MakeWritableFor(launch.DataDirectory, PreviewDockerfile.AppUserId);
        try
        {
            await BuildAsync(launch, image, ct);
            await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = launch.Name, Driver = "bridge", CheckDuplicate = true, Labels = Labels(launch.TaskId),
            }, ct);
            var container = await docker.Containers.CreateContainerAsync(ContainerFor(launch, image), ct);
            await docker.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), ct);
            LogStarted(logger, launch.Name, container.ID[..12], launch.Port);
            return new PreviewHandle(launch.TaskId, container.ID, launch.Name, image);
        }
        catch
        {
            // A half-made preview is removed whatever went wrong, even when the caller gave up.
            await RemoveAsync(launch.Name, launch.Name, image, graceful: false, CancellationToken.None);
            throw;
        }
    }

    public Task StopAsync(PreviewHandle handle, CancellationToken ct) =>
        RemoveAsync(handle.RuntimeId, handle.Network, handle.Image, graceful: true, ct);

    public async Task<bool> IsRunningAsync(PreviewHandle handle, CancellationToken ct)
    {
        try
        {
            return (await docker.Containers.InspectContainerAsync(handle.RuntimeId, ct)).State?.Running == true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public Task<string> TailLogAsync(PreviewHandle handle, string root, int lines, CancellationToken ct) =>
        docker.ReadLogsAsync(handle.RuntimeId, lines, ct);

    public async Task<IReadOnlyList<PreviewHandle>> ListAsync(string previewsRoot, CancellationToken ct)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{PreviewLabel}=true"] = true } },
        }, ct);
        return
        [
            .. containers
                .Where(c => c.Labels.TryGetValue(TaskLabel, out var task) && Guid.TryParse(task, out _))
                // The network and image are named after the container (its one name, "/preview-…").
                .Select(c => (c, Name: c.Names.First().TrimStart('/')))
                .Select(x => new PreviewHandle(Guid.Parse(x.c.Labels[TaskLabel]), x.c.ID, x.Name, ImageFor(x.Name))),
        ];
    }

    async Task RemoveAsync(string container, string? network, string? image, bool graceful, CancellationToken ct)
    {
        // A grace period lets the app finish its writes; an app running as PID 1 that ignores SIGTERM uses all of it.
        if (graceful) await docker.StopContainerIfRunningAsync(container, StopGrace, ct);
        await docker.RemoveContainerIfPresentAsync(container, ct);
        if (network is not null) await docker.RemoveNetworkIfPresentAsync(network, ct);
        if (image is not null) await docker.RemoveImageIfPresentAsync(image, ct);
    }

    async Task BuildAsync(PreviewLaunch launch, string image, CancellationToken ct)
    {
        var dockerfile = PreviewDockerfile.For(launch.App, PreviewDockerfile.BaseImageFor(launch.App.Stack, dockerOptions.Value), source: "app");
        // A file rather than memory: an app with node_modules/ easily weighs tens of megabytes.
        var contextFile = Path.Combine(launch.Root, "build-context.tar");
        await using var context = new FileStream(contextFile, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await DockerBuildContext.WriteAsync(context, dockerfile, launch.App.Directory, "app", ct);
        context.Position = 0;
        await docker.BuildImageAsync(new ImageBuildParameters
        {
            Tags = [image],
            Labels = Labels(launch.TaskId),
            Remove = true,
            ForceRemove = true,
            // The base image is local; nothing is pulled, and the RUN step needs no network.
            NetworkMode = "none",
        }, context, ct);
    }

    CreateContainerParameters ContainerFor(PreviewLaunch launch, string image)
    {
        var limits = previewOptions.Value;
        var runtimes = dockerOptions.Value;
        var port = PreviewDockerfile.ContainerPort.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PORT"] = port,
            ["DATA_DIR"] = PreviewDockerfile.DataDirectory,
            ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}",
            ["HOST"] = "0.0.0.0",
            // Images built from a minimal root file system have no ICU.
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            // The root is read-only: whatever wants a home (ASP.NET's key ring, npm) gets the tmpfs.
            ["HOME"] = "/tmp",
        };
        foreach (var (key, value) in HostRuntimeMounts.Environment(runtimes)) environment[key] = value;

        return new CreateContainerParameters
        {
            Name = launch.Name,
            Image = image,
            Env = [.. environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = new Dictionary<string, string>(launch.Labels) { [PreviewLabel] = "true", [TaskLabel] = launch.TaskId.ToString() },
            ExposedPorts = new Dictionary<string, EmptyStruct> { [ContainerPort] = default },
            HostConfig = new HostConfig
            {
                NetworkMode = launch.Name,
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    [ContainerPort] = [new PortBinding { HostIP = "127.0.0.1", HostPort = launch.Port.ToString(CultureInfo.InvariantCulture) }],
                },
                Binds = [$"{launch.DataDirectory}:{PreviewDockerfile.DataDirectory}:rw", .. HostRuntimeMounts.Binds(runtimes)],
                Memory = limits.MemoryLimitBytes,
                // Equal to Memory: no swap on top of the limit.
                MemorySwap = limits.MemoryLimitBytes,
                NanoCPUs = (long)(limits.Cpus * 1_000_000_000),
                PidsLimit = limits.PidsLimit,
                ReadonlyRootfs = limits.ReadOnlyRootFilesystem,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=64m" },
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                // A chatty app must not fill the disk: the log is what TailLog reads, its end is enough.
                LogConfig = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "2" } },
            },
        };
    }

    static Dictionary<string, string> Labels(Guid taskId) => new() { [PreviewLabel] = "true", [TaskLabel] = taskId.ToString() };

    [LoggerMessage(Level = LogLevel.Information, Message = "Preview {Name} started as container {Container}, published on 127.0.0.1:{Port}")]
    static partial void LogStarted(ILogger logger, string name, string container, int port);
}
