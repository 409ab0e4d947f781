using Catalyst.Core.Configuration;
using System.Diagnostics.Metrics;
using Catalyst.Core.Projects;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Git;

/// <summary>
/// One git repository per project under {DataRoot}/repos/{slug}. Work on a repository is serialised, across
/// threads and processes on this machine, by an exclusive lock file next to it.
/// </summary>
public sealed class ProjectRepositories(IOptions<CatalystOptions> catalyst, IOptions<GitOptions> git, IMeterFactory? meters = null)
{
    readonly GitMetrics? metrics = meters is null ? null : new GitMetrics(meters);

    public string RepositoriesRoot => Path.Combine(catalyst.Value.FullDataRoot, "repos");

    public string PathFor(string slug) =>
        RepositoryPaths.Resolve(RepositoriesRoot, ProjectSlug.From(slug) ?? throw new ArgumentException($"'{slug}' is not a project slug."));

    /// <summary>Opens (creating if needed) the project's repository and holds its lock until disposed.</summary>
    public async Task<LockedRepository> OpenAsync(string slug, CancellationToken ct)
    {
        var path = PathFor(slug);
        Directory.CreateDirectory(RepositoriesRoot);
        var handle = await AcquireLockAsync(path + ".lock", ct);
        try
        {
            var repository = new GitRepository(path, git.Value, metrics);
            await repository.InitAsync(ct);
            repository.RemoveStaleLocks();
            return new LockedRepository(repository, handle);
        }
        catch
        {
            await handle.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The project's repository for reading committed objects, without its lock (see <see cref="GitRepository.ReadTreeAsync"/>),
    /// or null when the project has no repository yet. Never creates one.
    /// </summary>
    public GitRepository? FindForReading(string slug)
    {
        var path = PathFor(slug);
        return Directory.Exists(Path.Combine(path, ".git")) ? new GitRepository(path, git.Value, metrics) : null;
    }

    static async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                // The lock file stays: deleting it on close would let two waiters lock two different files.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, ct);
            }
        }
    }
}

public sealed class LockedRepository(GitRepository repository, FileStream lockHandle) : IAsyncDisposable
{
    public GitRepository Repository => repository;

    public ValueTask DisposeAsync() => lockHandle.DisposeAsync();
}
