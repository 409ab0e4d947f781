namespace Catalyst.Core.Git;

/// <summary>A repository at a glance: its branches' names and the newest commit on its default branch.</summary>
public sealed record RepositorySummary(string DefaultBranch, IReadOnlyList<string> Branches, GitCommit? LastCommit);

/// <summary>A repository in full: each branch with the commit at its tip, and its size on disk.</summary>
public sealed record RepositoryDetails(string DefaultBranch, string? CheckedOutBranch, IReadOnlyList<GitBranch> Branches, long SizeBytes);

/// <summary>
/// What the project repositories hold, read fresh on every call (branches move; RepositoryBrowser caches what is
/// read at a commit instead). Never creates a repository; a project without one has none to describe.
/// </summary>
public sealed class RepositoryCatalog(ProjectRepositories repositories)
{
    public const int MaxHistory = 500;

    public bool HasRepository(string slug) => repositories.FindForReading(slug) is not null;

    public async Task<RepositorySummary?> SummaryAsync(string slug, CancellationToken ct)
    {
        if (repositories.FindForReading(slug) is not { } repository) return null;
        var branches = await repository.BranchesAsync(ct);
        var defaultBranch = DefaultBranch(branches);
        return new RepositorySummary(defaultBranch, [.. branches.Select(b => b.Name)], branches.FirstOrDefault(b => b.Name == defaultBranch)?.Head);
    }

    public async Task<RepositoryDetails?> DetailsAsync(string slug, CancellationToken ct)
    {
        if (repositories.FindForReading(slug) is not { } repository) return null;
        var branches = await repository.BranchesAsync(ct);
        string? checkedOut;
        try { checkedOut = await repository.CurrentBranchAsync(ct); }
        catch (InvalidOperationException) { checkedOut = null; } // detached
        return new RepositoryDetails(DefaultBranch(branches), checkedOut, branches, SizeOnDisk(repository.Root));
    }

    /// <summary>The newest <paramref name="limit"/> commits reachable from <paramref name="branch"/>, or null when it names no branch.</summary>
    public async Task<IReadOnlyList<GitCommit>?> HistoryAsync(string slug, string branch, int limit, CancellationToken ct)
    {
        if (repositories.FindForReading(slug) is not { } repository) return null;
        if (!await repository.BranchExistsAsync(branch, ct)) return null;
        return await repository.LogAsync(branch, Math.Clamp(limit, 1, MaxHistory), ct);
    }

    /// <summary>main, which the Planner creates first; otherwise the first branch by name.</summary>
    static string DefaultBranch(IReadOnlyList<GitBranch> branches) =>
        branches.Any(b => b.Name == RepositoryBrowser.DefaultRef) || branches.Count == 0 ? RepositoryBrowser.DefaultRef : branches[0].Name;

    static long SizeOnDisk(string root) =>
        new DirectoryInfo(root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
            .Sum(f => f.Length);
}
