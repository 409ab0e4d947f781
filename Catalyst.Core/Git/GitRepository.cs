using LibGit2Sharp;

namespace Catalyst.Core.Git;

/// <summary>One commit as a history lists it; <see cref="Subject"/> is the first paragraph of <see cref="Message"/>.</summary>
public sealed record GitCommit(
    string Sha, string Author, string AuthorEmail, DateTimeOffset Date, string Subject, string Message, IReadOnlyList<string> Parents);

/// <summary>A local branch and the commit at its tip.</summary>
public sealed record GitBranch(string Name, GitCommit Head);

public sealed record DiffSummary(int FilesChanged, int Additions, int Deletions);

/// <summary>One project's repository, driven in process through libgit2 (LibGit2Sharp): no git binary is needed.</summary>
public interface IGitRepository
{
    string Root { get; }
    Task<string> CurrentBranchAsync(CancellationToken ct);
    Task<bool> BranchExistsAsync(string branch, CancellationToken ct);

    /// <summary>Checks out <paramref name="branch"/>; with <paramref name="startPoint"/> it is (re)created from there.</summary>
    Task CheckoutAsync(string branch, CancellationToken ct, string? startPoint = null);

    /// <summary>
    /// Writes the files, removes <paramref name="removed"/>, and commits; returns the new HEAD, or the old one
    /// when nothing changed.
    /// </summary>
    Task<string> CommitAsync(IReadOnlyCollection<GeneratedFile> files, string message, CancellationToken ct, IReadOnlyCollection<string>? removed = null);

    Task<string> HeadAsync(CancellationToken ct);
    Task<IReadOnlyList<GitCommit>> LogAsync(string revision, int max, CancellationToken ct);
    Task<string> DiffAsync(string from, string to, CancellationToken ct);
    Task<DiffSummary> DiffSummaryAsync(string from, string to, CancellationToken ct);
    Task<string?> ReadFileAsync(string revision, string path, CancellationToken ct);
    Task<IReadOnlyList<string>> ListFilesAsync(string revision, CancellationToken ct);

    /// <summary>The commit <paramref name="revision"/> names (a branch, tag or hash), or null when it names none.</summary>
    Task<string?> ResolveCommitAsync(string revision, CancellationToken ct);

    /// <summary>The entries of the folder at <paramref name="path"/> ("" for the root) in <paramref name="commit"/>.</summary>
    Task<GitTree> ReadTreeAsync(string commit, string path, CancellationToken ct);

    /// <summary>The file at <paramref name="path"/> in <paramref name="commit"/>, its content only up to <paramref name="maxBytes"/>.</summary>
    Task<GitBlob> ReadBlobAsync(string commit, string path, int maxBytes, CancellationToken ct);

    /// <summary>The unified diff between two commits (cut at <paramref name="maxPatchBytes"/>) with each file's line counts.</summary>
    Task<GitDiff> ReadDiffAsync(string from, string to, int maxPatchBytes, CancellationToken ct);
}

/// <summary>
/// Each call opens the repository, does its work and closes it again, so an instance holds no handle between
/// calls and a reader never sees a stale index. libgit2 runs no hooks, signs nothing and starts no external
/// diff or filter programs, and <see cref="GitConfiguration"/> keeps the machine's and user's settings out.
/// </summary>
public sealed partial class GitRepository(string root, GitOptions options, GitMetrics? metrics = null) : IGitRepository
{
    public string Root { get; } = root;

    public Task InitAsync(CancellationToken ct) => Task.Run(() =>
    {
        Directory.CreateDirectory(Root);
        if (Directory.Exists(Path.Combine(Root, ".git"))) return;
        GitConfiguration.Isolate();
        Repository.Init(Root);
        NameUnbornBranch("main");
    }, ct);

    /// <summary>
    /// Deletes git's own lock files (index.lock, HEAD.lock, refs/heads/….lock …). Only for the holder of the project's
    /// lock (<see cref="ProjectRepositories.OpenAsync"/>): then no other writer can be at work, so any such file was
    /// left by a process killed mid-write, and libgit2 would refuse every later commit while it stays.
    /// </summary>
    public void RemoveStaleLocks()
    {
        var gitDirectory = Path.Combine(Root, ".git");
        if (!Directory.Exists(gitDirectory)) return;
        foreach (var stale in Directory.EnumerateFiles(gitDirectory, "*.lock", SearchOption.AllDirectories))
        {
            if (Path.GetRelativePath(gitDirectory, stale).StartsWith("objects", StringComparison.Ordinal)) continue;
            File.Delete(stale);
        }
    }

    public Task<string> CurrentBranchAsync(CancellationToken ct) => WithAsync(repository =>
        repository.Info.IsHeadDetached
            ? throw new InvalidOperationException($"HEAD of {Root} is detached: no branch is checked out.")
            : repository.Head.FriendlyName, ct);

    public Task<bool> BranchExistsAsync(string branch, CancellationToken ct) =>
        WithAsync(repository => repository.Refs[$"refs/heads/{Rev(branch)}"] is not null, ct);

    public Task CheckoutAsync(string branch, CancellationToken ct, string? startPoint = null) => WithAsync(repository =>
    {
        var name = Rev(branch);
        var force = new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force };
        if (startPoint is not null)
        {
            var start = PeelToCommit(repository, Rev(startPoint)) ?? throw new InvalidOperationException($"'{startPoint}' names no commit in {Root}.");
            // libgit2 will not re-create the branch HEAD is on (a retried step is on it): HEAD is first detached at
            // the start point, which also brings the work tree there, and then the branch is moved.
            Commands.Checkout(repository, start, force);
            if (repository.Branches[name] is { } existing) repository.Refs.UpdateTarget(existing.Reference, start.Id, $"checkout: reset {name} to {start.Sha}");
            else repository.Branches.Add(name, start);
            Commands.Checkout(repository, repository.Branches[name], force);
        }
        else if (repository.Head.Tip is not null)
            Commands.Checkout(repository, repository.Branches[name] ?? throw new InvalidOperationException($"There is no branch '{name}' in {Root}."), force);
        else
        {
            NameUnbornBranch(name); // an empty repository: name the first branch
            return true;
        }
        // What an earlier, interrupted step left behind must not be committed by the next one (ignored files stay).
        repository.RemoveUntrackedFiles();
        return true;
    }, ct);

    public async Task<string> CommitAsync(IReadOnlyCollection<GeneratedFile> files, string message, CancellationToken ct, IReadOnlyCollection<string>? removed = null)
    {
        var added = files.Select(f => RepositoryPaths.Normalize(f.Path)).ToList();
        var gone = removed?.Select(RepositoryPaths.Normalize).ToList() ?? [];
        await GeneratedFile.WriteAllAsync(Root, files, ct);
        return await WithAsync(repository =>
        {
            if (added.Count > 0) Commands.Stage(repository, added);
            foreach (var path in gone.Where(p => repository.Index[p] is not null)) Commands.Remove(repository, path, removeFromWorkingDirectory: true);
            var head = repository.Head.Tip;
            if (head is not null && !repository.Diff.Compare<TreeChanges>(head.Tree, DiffTargets.Index).Any())
                return head.Sha; // a retried step: same content, nothing new
            var author = Signature();
            return repository.Commit(message, author, author, new CommitOptions { PrettifyMessage = true }).Sha;
        }, ct);
    }

    public Task<string> HeadAsync(CancellationToken ct) =>
        WithAsync(repository => repository.Head.Tip?.Sha ?? throw new InvalidOperationException($"{Root} has no commits yet."), ct);

    public Task<IReadOnlyList<GitCommit>> LogAsync(string revision, int max, CancellationToken ct) => WithAsync<IReadOnlyList<GitCommit>>(repository =>
    {
        var start = PeelToCommit(repository, Rev(revision)) ?? throw new InvalidOperationException($"'{revision}' names no commit in {Root}.");
        var filter = new CommitFilter { IncludeReachableFrom = start, SortBy = CommitSortStrategies.Time };
        return [.. repository.Commits.QueryBy(filter).Take(max).Select(ToCommit)];
    }, ct);

    /// <summary>The local branches, each with the commit at its tip, by name.</summary>
    public Task<IReadOnlyList<GitBranch>> BranchesAsync(CancellationToken ct) => WithAsync<IReadOnlyList<GitBranch>>(repository =>
        [.. repository.Branches.Where(b => !b.IsRemote && b.Tip is not null)
            .Select(b => new GitBranch(b.FriendlyName, ToCommit(b.Tip)))
            .OrderBy(b => b.Name, StringComparer.Ordinal)], ct);

    public Task<string> DiffAsync(string from, string to, CancellationToken ct) =>
        WithAsync(repository => Compare<Patch>(repository, from, to, SimilarityOptions.Renames).Content, ct);

    public Task<DiffSummary> DiffSummaryAsync(string from, string to, CancellationToken ct) => WithAsync(repository =>
    {
        // Binary files count as changed, with no lines (git's numstat shows "-").
        var patch = Compare<Patch>(repository, from, to, SimilarityOptions.Renames);
        var files = patch.ToList();
        return new DiffSummary(files.Count, files.Sum(f => f.IsBinaryComparison ? 0 : f.LinesAdded), files.Sum(f => f.IsBinaryComparison ? 0 : f.LinesDeleted));
    }, ct);

    public Task<string?> ReadFileAsync(string revision, string path, CancellationToken ct)
    {
        var file = RepositoryPaths.Normalize(path);
        return WithAsync(repository =>
        {
            if (PeelToCommit(repository, Rev(revision))?[file]?.Target is not Blob blob) return null;
            using var content = blob.GetContentStream();
            using var reader = new StreamReader(content, System.Text.Encoding.UTF8);
            return reader.ReadToEnd();
        }, ct);
    }

    public Task<IReadOnlyList<string>> ListFilesAsync(string revision, CancellationToken ct) => WithAsync<IReadOnlyList<string>>(repository =>
    {
        var commit = PeelToCommit(repository, Rev(revision)) ?? throw new InvalidOperationException($"'{revision}' names no commit in {Root}.");
        var files = new List<string>();
        Walk(commit.Tree);
        return files;

        // ls-tree -r's order: each tree's entries in git's order, blobs and submodules only.
        void Walk(Tree tree)
        {
            foreach (var entry in tree)
            {
                if (entry.TargetType == TreeEntryTargetType.Tree) Walk((Tree)entry.Target);
                else files.Add(entry.Path.Replace('\\', '/'));
            }
        }
    }, ct);

    /// <summary>
    /// Revisions come from events and URLs: only plain names and hashes pass, so none can be read as an option
    /// ("-x"), a range or a revision expression.
    /// </summary>
    static string Rev(string revision) =>
        IsRevisionName(revision) ? revision : throw new ArgumentException($"'{revision}' is not a branch name or commit.", nameof(revision));

    /// <summary>A plain branch, tag or commit name: never an option ("-x"), a range (".."), a NUL or a path.</summary>
    public static bool IsRevisionName(string revision) =>
        RevisionPattern().IsMatch(revision) && !revision.Contains("..", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9/._-]{0,199}\z")]
    private static partial System.Text.RegularExpressions.Regex RevisionPattern();

    /// <summary>
    /// Points HEAD of a repository without commits at <paramref name="branch"/>. libgit2 cannot retarget HEAD to a
    /// branch that does not exist yet, so HEAD is written as git writes it.
    /// </summary>
    void NameUnbornBranch(string branch) => File.WriteAllText(Path.Combine(Root, ".git", "HEAD"), $"ref: refs/heads/{branch}\n");

    Signature Signature() => new(options.AuthorName, options.AuthorEmail, DateTimeOffset.Now);

    static GitCommit ToCommit(Commit commit) => new(
        commit.Sha, commit.Author.Name, commit.Author.Email, commit.Author.When, commit.MessageShort, commit.Message, [.. commit.Parents.Select(p => p.Sha)]);

    /// <summary>The commit a (validated) revision names, through annotated tags; null when it names none.</summary>
    static Commit? PeelToCommit(Repository repository, string revision)
    {
        try { return repository.Lookup(revision) switch { null => null, Commit commit => commit, var other => other.Peel<Commit>() }; }
        catch (LibGit2SharpException) { return null; } // an ambiguous short hash, a tree or blob, or a name libgit2 refuses
    }

    T Compare<T>(Repository repository, string from, string to, SimilarityOptions similarity) where T : class, IDiffResult
    {
        var older = PeelToCommit(repository, Rev(from)) ?? throw new InvalidOperationException($"'{from}' names no commit in {Root}.");
        var newer = PeelToCommit(repository, Rev(to)) ?? throw new InvalidOperationException($"'{to}' names no commit in {Root}.");
        return repository.Diff.Compare<T>(older.Tree, newer.Tree, new CompareOptions { Similarity = similarity });
    }

    /// <summary>
    /// Opens the repository for one piece of work off the caller's thread: libgit2 is synchronous, and a clone
    /// or a large diff should not hold a request thread.
    /// </summary>
    Task<T> WithAsync<T>(Func<Repository, T> work, CancellationToken ct) => Task.Run(() =>
    {
        ct.ThrowIfCancellationRequested();
        GitConfiguration.Isolate();
        using var repository = new Repository(Root);
        return work(repository);
    }, ct);
}
