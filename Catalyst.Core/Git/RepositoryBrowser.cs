using System.Globalization;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Git;

/// <summary>A project as the browser reads it: its id names the cache entries, its slug finds the repository.</summary>
public sealed record BrowsedProject(Guid Id, string Slug);

public sealed record TreeListing(string Commit, string Path, IReadOnlyList<GitTreeEntry> Entries);

public sealed record FileContent(string Commit, string Path, long Size, byte[] Content, bool IsBinary);

public sealed record CommitDiff(string BaseCommit, string HeadCommit, GitDiff Diff);

/// <summary>
/// Read-only browsing of a project's repository: folders, files and diffs. A ref is resolved to its commit on
/// every call (cheap, and branches move); what is read at that commit is cached (HybridCache: memory, and Redis
/// when configured) under the commit's id, so an entry can never go stale. Entries carry the project's tag, for
/// <see cref="EvictAsync"/>.
/// </summary>
public sealed class RepositoryBrowser(ProjectRepositories repositories, HybridCache cache, IOptions<GitOptions> options)
{
    public const string DefaultRef = "main";

    public static string ProjectTag(Guid projectId) => $"project:{projectId:N}";

    public async Task<TreeListing> TreeAsync(BrowsedProject project, string? reference, string? path, CancellationToken ct)
    {
        var folder = string.IsNullOrEmpty(path) ? "" : RepositoryPaths.Normalize(path);
        var (repository, revision, commit) = await ResolveAsync(project, reference, ct);
        var tree = await cache.GetOrCreateAsync(Key(project, "tree", commit, folder), (repository, commit, folder),
            static (s, ct) => new ValueTask<GitTree>(s.repository.ReadTreeAsync(s.commit, s.folder, ct)), tags: Tags(project), cancellationToken: ct);
        return tree.Kind switch
        {
            GitObjectKind.Tree => new TreeListing(commit, folder, tree.Entries),
            GitObjectKind.Missing => throw NotFound(folder, revision, commit),
            _ => throw new RepositoryReadException(RepositoryReadFailure.NotAFolder, $"'{folder}' is a file, not a folder: read it with /file?path={folder}."),
        };
    }

    public async Task<FileContent> FileAsync(BrowsedProject project, string? reference, string? path, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(path)) throw new RepositoryReadException(RepositoryReadFailure.NotAFile, "Name the file to read: path=src/Program.cs, for example.");
        var file = RepositoryPaths.Normalize(path);
        var max = options.Value.MaxFileBytes;
        var (repository, revision, commit) = await ResolveAsync(project, reference, ct);
        var blob = await cache.GetOrCreateAsync(Key(project, "file", commit, file, max), (repository, commit, file, max),
            static (s, ct) => new ValueTask<GitBlob>(s.repository.ReadBlobAsync(s.commit, s.file, s.max, ct)), tags: Tags(project), cancellationToken: ct);
        return blob switch
        {
            { Kind: GitObjectKind.Blob, Content: { } content } => new FileContent(commit, file, blob.Size, content, blob.IsBinary),
            { Kind: GitObjectKind.Blob } => throw new RepositoryReadException(RepositoryReadFailure.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"'{file}' is {blob.Size:N0} bytes; files over {max:N0} bytes are not served (Catalyst:Git:MaxFileBytes).")),
            { Kind: GitObjectKind.Missing } => throw NotFound(file, revision, commit),
            _ => throw new RepositoryReadException(RepositoryReadFailure.NotAFile, $"'{file}' is a folder, not a file: list it with /tree?path={file}."),
        };
    }

    public async Task<CommitDiff> DiffAsync(BrowsedProject project, string? baseReference, string? headReference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(baseReference)) throw new RepositoryReadException(RepositoryReadFailure.InvalidRevision, "Name the base to compare with: base=main, for example.");
        // Both names are checked before either is read, so a bad head costs no read of the base.
        RevisionOrDefault(baseReference);
        RevisionOrDefault(headReference);
        var (repository, _, baseCommit) = await ResolveAsync(project, baseReference, ct);
        var (_, _, headCommit) = await ResolveAsync(project, headReference, ct);
        var max = options.Value.MaxDiffBytes;
        var diff = await cache.GetOrCreateAsync(Key(project, "diff", $"{baseCommit}..{headCommit}", "", max), (repository, baseCommit, headCommit, max),
            static (s, ct) => new ValueTask<GitDiff>(s.repository.ReadDiffAsync(s.baseCommit, s.headCommit, s.max, ct)), tags: Tags(project), cancellationToken: ct);
        return new CommitDiff(baseCommit, headCommit, diff);
    }

    /// <summary>
    /// Drops everything cached for the project (e.g. when it is deleted) in this process and in the shared L2.
    /// Another process that already holds an entry in memory keeps it until Catalyst:Cache:LocalExpiration:
    /// HybridCache has no backplane to tell it.
    /// </summary>
    public ValueTask EvictAsync(Guid projectId, CancellationToken ct) => cache.RemoveByTagAsync(ProjectTag(projectId), ct);

    async Task<(GitRepository Repository, string Revision, string Commit)> ResolveAsync(BrowsedProject project, string? reference, CancellationToken ct)
    {
        var revision = RevisionOrDefault(reference);
        var repository = repositories.FindForReading(project.Slug)
            ?? throw new RepositoryReadException(RepositoryReadFailure.RevisionNotFound, $"Project {project.Id} has no repository yet: nothing has been committed to it.");
        var commit = await repository.ResolveCommitAsync(revision, ct)
            ?? throw new RepositoryReadException(RepositoryReadFailure.RevisionNotFound, $"'{revision}' names no branch, tag or commit in the repository of project {project.Id}.");
        return (repository, revision, commit);
    }

    /// <summary>The ref, main when left out, refused unless it is a plain branch, tag or commit name.</summary>
    public static string RevisionOrDefault(string? reference)
    {
        var revision = string.IsNullOrWhiteSpace(reference) ? DefaultRef : reference;
        return GitRepository.IsRevisionName(revision) ? revision : throw new RepositoryReadException(RepositoryReadFailure.InvalidRevision,
            $"'{revision}' is not a branch, tag or commit name: use letters, digits and '/', '.', '_', '-', starting with a letter or digit, without '..'.");
    }

    static RepositoryReadException NotFound(string path, string revision, string commit) =>
        new(RepositoryReadFailure.PathNotFound, $"There is no '{path}' at {revision} (commit {commit[..12]}).");

    static string Key(BrowsedProject project, string kind, string commit, string path, int? limit = null) =>
        $"git:{project.Id:N}:{kind}:{commit}:{limit}:{path}";

    static string[] Tags(BrowsedProject project) => [ProjectTag(project.Id)];
}

public enum RepositoryReadFailure { InvalidRevision, RevisionNotFound, PathNotFound, NotAFolder, NotAFile, TooLarge }

/// <summary>A browsing request that cannot be answered, with a detail the caller can act on.</summary>
public sealed class RepositoryReadException(RepositoryReadFailure failure, string message) : Exception(message)
{
    public RepositoryReadFailure Failure { get; } = failure;
}
