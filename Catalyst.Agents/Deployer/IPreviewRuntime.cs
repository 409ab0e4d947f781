namespace Catalyst.Agents.Deployer;

/// <summary>
/// A built app ready to run: its files in <see cref="Directory"/> and the command that starts it there
/// (<c>dotnet App.dll</c>, <c>node src/server.js</c>). It listens on PORT and answers GET /health.
/// </summary>
public sealed record PreviewApp(string Stack, string Directory, string FileName, IReadOnlyList<string> Arguments);

/// <summary>Everything a runtime needs to start one preview.</summary>
/// <param name="Name">The preview's name, <c>preview-{task8}</c>: its container, network and route are named after it.</param>
/// <param name="Port">The leased pool port it is published on, on 127.0.0.1.</param>
/// <param name="Root">The preview's own folder, <c>{DataRoot}/previews/{task}</c>: data/, app.log and the runtime's bookkeeping.</param>
/// <param name="Labels">Labels for the container (Traefik's among them); process mode ignores them.</param>
public sealed record PreviewLaunch(
    Guid TaskId, string Name, PreviewApp App, int Port, string Root, IReadOnlyDictionary<string, string> Labels)
{
    public string DataDirectory => Path.Combine(Root, "data");
    public string LogFile => Path.Combine(Root, "app.log");
}

/// <summary>
/// What identifies a started preview across restarts of Catalyst: a process id with its start time (so a reused
/// pid is never mistaken for it), or a container id, plus the network and image created for it.
/// </summary>
public sealed record PreviewHandle(Guid TaskId, string RuntimeId, string? Network = null, string? Image = null);

/// <summary>Where previews run: local processes or Docker containers. Every operation is idempotent.</summary>
public interface IPreviewRuntime
{
    PreviewMode Mode { get; }

    /// <summary>
    /// Starts the app (replacing whatever an earlier attempt for the same task left), without waiting for it to
    /// answer: the caller waits on /health.
    /// </summary>
    Task<PreviewHandle> StartAsync(PreviewLaunch launch, CancellationToken ct);

    /// <summary>Stops and removes the app and what was created for it (container, network, image). Nothing there is fine.</summary>
    Task StopAsync(PreviewHandle handle, CancellationToken ct);

    /// <summary>Whether the process or container still runs.</summary>
    Task<bool> IsRunningAsync(PreviewHandle handle, CancellationToken ct);

    /// <summary>The last lines the app wrote (stdout and stderr), for failure reasons.</summary>
    Task<string> TailLogAsync(PreviewHandle handle, string root, int lines, CancellationToken ct);

    /// <summary>Every preview this runtime can see, to find orphans that no deployment row owns.</summary>
    Task<IReadOnlyList<PreviewHandle>> ListAsync(string previewsRoot, CancellationToken ct);
}
