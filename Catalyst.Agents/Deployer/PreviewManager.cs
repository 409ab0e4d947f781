using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Catalyst.Agents.Deployer.Routing;
using Catalyst.Core.Configuration;
using Catalyst.Core.Persistence;
using Catalyst.Core.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Deployer;

/// <summary>What to deploy: the reviewed commit's app, for a task of a project.</summary>
public sealed record PreviewRequest(Guid TaskId, string ProjectName, string Commit, PreviewApp App);

/// <summary>
/// The life of previews: deploy (lease a port, start, wait for /health, route), restart, delete, the health
/// check, expiry, and reconciling with what really runs after a restart. The preview_deployments row is the
/// record of each; every operation on one preview is serialised, and each leaves the row true to what runs.
/// </summary>
public sealed class PreviewManager(
    IServiceScopeFactory scopes,
    PortLeases ports,
    IPreviewRuntime runtime,
    IPreviewRouter router,
    PreviewProbe probe,
    IOptions<PreviewOptions> options,
    IOptions<CatalystOptions> catalyst,
    TimeProvider time,
    ILogger<PreviewManager> logger)
{
    const string AppFile = "app.json";
    const int LogLinesInReasons = 20;
    readonly ConcurrentDictionary<Guid, SemaphoreSlim> gates = new();
    // Automatic restarts since the last deployment or manual restart; in memory, so a restart of Catalyst allows as many again.
    readonly ConcurrentDictionary<Guid, int> revivals = new();

    public string PreviewsRoot => Path.Combine(catalyst.Value.FullDataRoot, "previews");

    public string RootFor(Guid taskId) => Path.Combine(PreviewsRoot, taskId.ToString());

    /// <summary>Starts the app and waits until it answers; on failure nothing is left running and the reason carries the app's last log lines.</summary>
    public async Task<PreviewDeploymentEntity> DeployAsync(PreviewRequest request, Action<string> progress, CancellationToken ct)
    {
        using var _ = await LockAsync(request.TaskId, ct);
        revivals.TryRemove(request.TaskId, out var _);
        var root = RootFor(request.TaskId);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, AppFile), JsonSerializer.Serialize(request.App), ct);

        var earlier = await FindAsync(request.TaskId, ct);
        if (earlier?.ContainerId is not null) await runtime.StopAsync(HandleOf(earlier), ct);
        var port = await ports.LeaseAsync(request.TaskId, ct);
        var route = new PreviewRoute(request.TaskId, PreviewHosts.NameFor(request.TaskId),
            PreviewHosts.HostFor(request.ProjectName, request.TaskId, options.Value.Routing.Domain), port);
        await UpdateAsync(request.TaskId, p =>
        {
            p.Status = PreviewStatus.Deploying;
            p.Mode = ModeName;
            p.Stack = request.App.Stack;
            p.Name = route.Name;
            p.Port = port;
            p.CommitSha = request.Commit;
            p.DirectUrl = PreviewHosts.DirectUrl(port).ToString();
            p.Url = p.DirectUrl;
            p.HealthCheckUrl = new Uri(PreviewHosts.DirectUrl(port), "health").ToString();
            p.FailureReason = null;
            p.StoppedAt = null;
            p.CreatedAt = time.GetUtcNow();
            p.ExpiresAt = time.GetUtcNow() + options.Value.Expiry;
        }, ct);

        progress(runtime.Mode == PreviewMode.Docker
            ? $"🐳 Building the image and starting container {route.Name} on port {port}..."
            : $"🚀 Starting the app as a sandboxed process on port {port}...");
        var launch = new PreviewLaunch(request.TaskId, route.Name, request.App, port, root, router.LabelsFor(route));
        var (handle, failure) = await StartHealthyAsync(launch, ct);
        if (failure is not null)
        {
            await ReleaseAsync(request.TaskId, handle, route: null, ct);
            await UpdateAsync(request.TaskId, p => { p.Status = PreviewStatus.Failed; p.FailureReason = failure; p.StoppedAt = time.GetUtcNow(); }, ct);
            throw new PreviewFailedException(failure);
        }
        progress($"✅ Health check: PASSED (GET /health on port {port})");

        var clean = await RouteAsync(route, progress, ct);
        return await MarkRunningAsync(request.TaskId, handle!, port, clean, ct);
    }

    /// <summary>Records a deployment that only wrote files (compose_only).</summary>
    public Task<PreviewDeploymentEntity> RecordWrittenAsync(Guid taskId, string commit, string stack, CancellationToken ct) =>
        UpdateAsync(taskId, p =>
        {
            p.Status = PreviewStatus.Written;
            p.Mode = "compose_only";
            p.Stack = stack;
            p.Name = PreviewHosts.NameFor(taskId);
            p.CommitSha = commit;
            p.CreatedAt = time.GetUtcNow();
        }, ct);

    /// <summary>Stops and starts the preview again on its port; null when the task has no preview.</summary>
    public async Task<PreviewDeploymentEntity?> RestartAsync(Guid taskId, CancellationToken ct)
    {
        using var _ = await LockAsync(taskId, ct);
        revivals.TryRemove(taskId, out var _);
        return await RestartLockedAsync(taskId, ct);
    }

    /// <param name="note">What the running row's health detail says (why it was restarted); nothing by default.</param>
    async Task<PreviewDeploymentEntity?> RestartLockedAsync(Guid taskId, CancellationToken ct, string? note = null)
    {
        var preview = await FindAsync(taskId, ct);
        if (preview is null) return null;
        var appFile = Path.Combine(RootFor(taskId), AppFile);
        if (preview.Status is not (PreviewStatus.Running or PreviewStatus.Failed) || !File.Exists(appFile))
            throw new PreviewConflictException($"The preview of task {taskId} is {preview.Status}: there is nothing to restart. Approve a new task to deploy again.");
        var app = JsonSerializer.Deserialize<PreviewApp>(await File.ReadAllTextAsync(appFile, ct))!;

        if (preview.ContainerId is not null) await runtime.StopAsync(HandleOf(preview), ct);
        var port = await ports.LeaseAsync(taskId, ct);
        var route = RouteOf(preview, port);
        var (handle, failure) = await StartHealthyAsync(new PreviewLaunch(taskId, route.Name, app, port, RootFor(taskId), router.LabelsFor(route)), ct);
        if (failure is not null)
        {
            await ReleaseAsync(taskId, handle, route, ct);
            await UpdateAsync(taskId, p => { p.Status = PreviewStatus.Failed; p.FailureReason = failure; p.Health = PreviewHealth.Unhealthy; p.StoppedAt = time.GetUtcNow(); }, ct);
            throw new PreviewFailedException(failure);
        }
        var clean = preview.CleanUrl is null ? null : await RouteAsync(route, _ => { }, ct);
        return await MarkRunningAsync(taskId, handle!, port, clean, ct, note);
    }

    /// <summary>Stops the app, removes its container, network and route, frees the port and its folder; null when the task has no preview.</summary>
    public async Task<PreviewDeploymentEntity?> DeleteAsync(Guid taskId, CancellationToken ct, string status = PreviewStatus.Deleted)
    {
        using var _ = await LockAsync(taskId, ct);
        var preview = await FindAsync(taskId, ct);
        if (preview is null) return null;
        await ReleaseAsync(taskId, preview.ContainerId is null ? null : HandleOf(preview), preview.CleanUrl is null ? null : RouteOf(preview, preview.Port ?? 0), ct);
        var root = RootFor(taskId);
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        revivals.TryRemove(taskId, out var _);
        await ForgetTaskUrlAsync(taskId, ct);
        return await UpdateAsync(taskId, p =>
        {
            if (p.Status != PreviewStatus.Written) p.Status = status;
            p.Health = null;
            p.HealthDetail = null;
            p.StoppedAt ??= time.GetUtcNow();
        }, ct);
    }

    /// <summary>
    /// The monitor's liveness sweep: a running preview whose process or container has gone is started again on
    /// its port, at most <see cref="PreviewOptions.MaxRestarts"/> times; then it is marked failed, and its port
    /// lease, route and URL are released.
    /// </summary>
    public async Task ReviveAsync(CancellationToken ct)
    {
        foreach (var listed in await ListAsync(activeOnly: true, ct))
        {
            if (listed is not { Status: PreviewStatus.Running, ContainerId: not null }) continue;
            using var _ = await LockAsync(listed.TaskId, ct);
            var preview = await FindAsync(listed.TaskId, ct);
            if (preview is not { Status: PreviewStatus.Running, ContainerId: not null } || await runtime.IsRunningAsync(HandleOf(preview), ct)) continue;
            await ReviveLockedAsync(preview, ct);
        }
    }

    async Task ReviveLockedAsync(PreviewDeploymentEntity preview, CancellationToken ct)
    {
        var attempt = revivals.AddOrUpdate(preview.TaskId, 1, (_, n) => n + 1);
        if (attempt <= options.Value.MaxRestarts)
        {
            logger.LogWarning("The {Noun} of the preview of task {TaskId} is gone; restarting it (restart {Attempt} of {Max})", Noun(preview), preview.TaskId, attempt, options.Value.MaxRestarts);
            try
            {
                await RestartLockedAsync(preview.TaskId, ct, $"restarted after its {Noun(preview)} was gone (restart {attempt} of {options.Value.MaxRestarts})");
                return;
            }
            catch (PreviewFailedException e)
            {
                // Marked failed, its port released: nothing is left to revive.
                await ForgetTaskUrlAsync(preview.TaskId, ct);
                logger.LogWarning("The preview of task {TaskId} did not come back: {Reason}", preview.TaskId, e.Message);
                return;
            }
            catch (PreviewConflictException e)
            {
                logger.LogWarning("The preview of task {TaskId} cannot be restarted: {Reason}", preview.TaskId, e.Message);
            }
        }
        var reason = $"The {Noun(preview)} died and was restarted {Math.Min(attempt - 1, options.Value.MaxRestarts)} times; it is not restarted again. Its last log lines:\n"
            + await runtime.TailLogAsync(HandleOf(preview), RootFor(preview.TaskId), LogLinesInReasons, ct);
        await ReleaseAsync(preview.TaskId, HandleOf(preview), preview.CleanUrl is null ? null : RouteOf(preview, preview.Port ?? 0), ct);
        await ForgetTaskUrlAsync(preview.TaskId, ct);
        await UpdateAsync(preview.TaskId, p =>
        {
            p.Status = PreviewStatus.Failed;
            p.FailureReason = reason;
            p.Health = PreviewHealth.Unhealthy;
            p.HealthDetail = $"the {Noun(p)} is gone";
            p.StoppedAt = time.GetUtcNow();
        }, ct);
        logger.LogWarning("The preview of task {TaskId} died again after {Restarts} restarts; marked failed and its port released", preview.TaskId, attempt - 1);
    }

    /// <summary>A preview that is gone takes its URL off the task too: the task must not point at a dead or reused port.</summary>
    async Task ForgetTaskUrlAsync(Guid taskId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalystDbContext>().Tasks.Where(t => t.Id == taskId && t.PreviewUrl != null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.PreviewUrl, (string?)null), ct);
    }

    /// <summary>The monitor's sweep: is each running preview's process or container there, and does it answer /health.</summary>
    public async Task CheckHealthAsync(CancellationToken ct)
    {
        var running = 0;
        foreach (var listed in await ListAsync(activeOnly: true, ct))
        {
            using var _ = await LockAsync(listed.TaskId, ct);
            // Read again under the lock: a restart or delete may have changed it since the list was read.
            var preview = await FindAsync(listed.TaskId, ct);
            if (preview is not { Status: PreviewStatus.Running, ContainerId: not null }) continue;
            if (!await runtime.IsRunningAsync(HandleOf(preview), ct))
            {
                await ReviveLockedAsync(preview, ct);
                continue;
            }
            running++;
            var (health, detail) = await ProbeAsync(preview, ct);
            if (health == PreviewHealth.Healthy && preview.CleanUrl is not null && router.Provider != PreviewRoutingProvider.None)
            {
                var route = RouteOf(preview, preview.Port!.Value);
                try { if (!await router.ExistsAsync(route, ct)) await router.AddAsync(route, ct); }
                catch (Exception e) when (e is HttpRequestException or PreviewRoutingException) { detail = $"the clean URL is not routed: {e.Message}"; }
            }
            await UpdateAsync(preview.TaskId, p =>
            {
                // A state that holds keeps its first explanation ("found at start-up" says more than "gone").
                if (health != p.Health || health == PreviewHealth.Healthy || p.HealthDetail is null) p.HealthDetail = detail;
                p.Health = health;
                p.LastHealthCheck = time.GetUtcNow();
            }, ct);
            if (health != preview.Health) logger.LogInformation("Preview of task {TaskId} is {Health} ({Detail})", preview.TaskId, health, detail ?? "ok");
        }
        PreviewMetrics.ObserveLive(running);
    }

    /// <summary>The clean-up job: previews past their expiry are stopped and removed.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expired = (await ListAsync(activeOnly: true, ct)).Where(p => p.ExpiresAt <= now).ToList();
        foreach (var preview in expired)
        {
            await DeleteAsync(preview.TaskId, ct, PreviewStatus.Expired);
            logger.LogInformation("Preview of task {TaskId} expired and was removed", preview.TaskId);
        }
        return expired.Count;
    }

    /// <summary>
    /// After a restart of Catalyst: previews that survived are adopted (checked and routed again), those whose
    /// process or container vanished are marked, and what runs without a preview owning it is stopped.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var previews = await ListAsync(activeOnly: false, ct);
        foreach (var preview in previews.Where(p => PreviewStatus.Active.Contains(p.Status!)))
        {
            var alive = preview.ContainerId is not null && await runtime.IsRunningAsync(HandleOf(preview), ct);
            if (alive)
            {
                logger.LogInformation("Adopted the running preview of task {TaskId} at {Url}", preview.TaskId, preview.Url);
                continue; // the health sweep that follows checks and routes it
            }
            if (preview.Status == PreviewStatus.Deploying)
            {
                await ports.ReleaseAsync(preview.TaskId, ct);
                await UpdateAsync(preview.TaskId, p => { p.Status = PreviewStatus.Failed; p.FailureReason = "Catalyst stopped while the preview was being deployed."; p.StoppedAt = time.GetUtcNow(); }, ct);
            }
            else
                await UpdateAsync(preview.TaskId, p =>
                {
                    p.Health = PreviewHealth.Unhealthy;
                    p.HealthDetail = $"the {Noun(p)} is gone (found at start-up); restart the preview to bring it back";
                    p.LastHealthCheck = time.GetUtcNow();
                }, ct);
            logger.LogWarning("The preview of task {TaskId} was not running any more at start-up", preview.TaskId);
        }

        var owners = previews.ToDictionary(p => p.TaskId);
        foreach (var handle in await runtime.ListAsync(PreviewsRoot, ct))
        {
            var owned = owners.TryGetValue(handle.TaskId, out var owner)
                && (owner.Status == PreviewStatus.Deploying || (owner.Status == PreviewStatus.Running && owner.ContainerId == handle.RuntimeId));
            // A dead process leaves only its pid file; a stopped container is still there to remove.
            if (owned || (runtime.Mode == PreviewMode.Process && !await runtime.IsRunningAsync(handle, ct))) continue;
            logger.LogWarning("Stopping an orphaned preview of task {TaskId} ({RuntimeId}) that no deployment owns", handle.TaskId, handle.RuntimeId);
            await runtime.StopAsync(handle, ct);
        }
    }

    public async Task<PreviewDeploymentEntity?> FindAsync(Guid taskId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalystDbContext>().PreviewDeployments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.TaskId == taskId, ct);
    }

    public async Task<IReadOnlyList<PreviewDeploymentEntity>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<CatalystDbContext>().PreviewDeployments.AsNoTracking();
        if (activeOnly) query = query.Where(p => PreviewStatus.Active.Contains(p.Status!));
        return await query.OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Starts the app and waits for /health: the handle, or (with whatever was started) why it failed.</summary>
    async Task<(PreviewHandle? Handle, string? Failure)> StartHealthyAsync(PreviewLaunch launch, CancellationToken ct)
    {
        PreviewHandle handle;
        try
        {
            handle = await runtime.StartAsync(launch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"The preview could not be started: {e.Message}");
        }
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe.IsHealthyAsync(launch.Port, ct)) return (handle, null);
            var running = await runtime.IsRunningAsync(handle, ct);
            if (!running || clock.Elapsed > options.Value.StartTimeout)
            {
                var log = await runtime.TailLogAsync(handle, launch.Root, LogLinesInReasons, ct);
                var what = running ? $"did not answer GET /health within {options.Value.StartTimeout.TotalSeconds:0} s" : "exited before answering GET /health";
                return (handle, $"The app {what}. Its last log lines:\n{(log.Length == 0 ? "(it wrote nothing)" : log)}");
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>The row of a preview that answers /health: where it runs and how it is reached.</summary>
    Task<PreviewDeploymentEntity> MarkRunningAsync(Guid taskId, PreviewHandle handle, int port, Uri? clean, CancellationToken ct, string? note = null) =>
        UpdateAsync(taskId, p =>
        {
            p.Status = PreviewStatus.Running;
            p.ContainerId = handle.RuntimeId;
            p.Network = handle.Network;
            p.Image = handle.Image;
            p.Port = port;
            p.DirectUrl = PreviewHosts.DirectUrl(port).ToString();
            p.CleanUrl = clean?.ToString();
            p.Url = p.CleanUrl ?? p.DirectUrl;
            p.Health = PreviewHealth.Healthy;
            p.HealthDetail = note;
            p.FailureReason = null;
            p.StoppedAt = null;
            p.LastHealthCheck = time.GetUtcNow();
        }, ct);

    async Task<Uri?> RouteAsync(PreviewRoute route, Action<string> progress, CancellationToken ct)
    {
        if (router.Provider == PreviewRoutingProvider.None) return null;
        try
        {
            var url = await router.AddAsync(route, ct);
            progress($"🔀 Registered {url} with {router.Provider}");
            return url;
        }
        catch (Exception e) when (e is HttpRequestException or PreviewRoutingException or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // The app runs and answers on its port; a proxy that is away costs the clean URL, not the preview.
            progress($"⚠️ The clean URL could not be registered with {router.Provider}: {e.Message}. The app is reachable on its port.");
            logger.LogWarning(e, "Could not route the preview of task {TaskId}", route.TaskId);
            return null;
        }
    }

    async Task ReleaseAsync(Guid taskId, PreviewHandle? handle, PreviewRoute? route, CancellationToken ct)
    {
        if (handle is not null) await runtime.StopAsync(handle, ct);
        if (route is not null)
        {
            try { await router.RemoveAsync(route, ct); }
            catch (Exception e) when (e is HttpRequestException or PreviewRoutingException or IOException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning(e, "Could not remove the route of the preview of task {TaskId}", taskId);
            }
        }
        await ports.ReleaseAsync(taskId, ct);
    }

    async Task<(string Health, string? Detail)> ProbeAsync(PreviewDeploymentEntity preview, CancellationToken ct)
    {
        if (!await runtime.IsRunningAsync(HandleOf(preview), ct)) return (PreviewHealth.Unhealthy, $"the {Noun(preview)} is gone");
        return await probe.IsHealthyAsync(preview.Port!.Value, ct)
            ? (PreviewHealth.Healthy, null)
            : (PreviewHealth.Unreachable, $"the {Noun(preview)} runs but GET /health did not answer 200");
    }

    async Task<PreviewDeploymentEntity> UpdateAsync(Guid taskId, Action<PreviewDeploymentEntity> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var preview = await db.PreviewDeployments.FirstOrDefaultAsync(p => p.TaskId == taskId, ct);
        if (preview is null)
        {
            preview = new PreviewDeploymentEntity { Id = Guid.CreateVersion7(), TaskId = taskId, Url = "", CreatedAt = time.GetUtcNow() };
            db.PreviewDeployments.Add(preview);
        }
        change(preview);
        preview.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return preview;
    }

    async Task<IDisposable> LockAsync(Guid taskId, CancellationToken ct)
    {
        var gate = gates.GetOrAdd(taskId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Releaser(gate);
    }

    PreviewRoute RouteOf(PreviewDeploymentEntity preview, int port) =>
        new(preview.TaskId, preview.Name ?? PreviewHosts.NameFor(preview.TaskId),
            preview.CleanUrl is { } clean ? new Uri(clean).Host : PreviewHosts.NameFor(preview.TaskId), port);

    static PreviewHandle HandleOf(PreviewDeploymentEntity preview) => new(preview.TaskId, preview.ContainerId!, preview.Network, preview.Image);

    static string Noun(PreviewDeploymentEntity preview) => preview.Mode == "docker" ? "container" : "process";

    string ModeName => runtime.Mode == PreviewMode.Docker ? "docker" : "process";

    sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>The preview is in a state the request does not fit (restarting a deleted one).</summary>
public sealed class PreviewConflictException(string message) : InvalidOperationException(message);
