using LibGit2Sharp;

namespace Catalyst.Core.Git;

/// <summary>
/// A working copy of a project's repository outside it (the Tester's workspace, a preview's source), made in
/// process with libgit2. The copy is a clone, so building in it never touches the project's own work tree.
/// </summary>
public static class GitWorkspace
{
    /// <summary>Clones <paramref name="repository"/> into <paramref name="workspace"/> with <paramref name="branch"/> checked out.</summary>
    public static Task CloneBranchAsync(string repository, string branch, string workspace, CancellationToken ct) => Task.Run(() =>
    {
        GitConfiguration.Isolate();
        Repository.Clone(repository, workspace, new CloneOptions { BranchName = Branch(branch), Checkout = true });
    }, ct);

    /// <summary>Clones <paramref name="repository"/> into <paramref name="workspace"/> with HEAD detached at <paramref name="commit"/>.</summary>
    public static Task CloneAtCommitAsync(string repository, string commit, string workspace, CancellationToken ct) => Task.Run(() =>
    {
        GitConfiguration.Isolate();
        Repository.Clone(repository, workspace, new CloneOptions { Checkout = false });
        using var clone = new Repository(workspace);
        var target = GitRepository.IsRevisionName(commit) ? clone.Lookup<Commit>(commit) : null;
        Commands.Checkout(clone, target ?? throw new InvalidOperationException($"'{commit}' names no commit in {repository}."),
            new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
    }, ct);

    /// <summary>The commit checked out in <paramref name="workspace"/>, or null when it is no repository or has none.</summary>
    public static string? HeadOf(string workspace)
    {
        if (!Directory.Exists(Path.Combine(workspace, ".git"))) return null;
        GitConfiguration.Isolate();
        try
        {
            using var clone = new Repository(workspace);
            return clone.Head.Tip?.Sha;
        }
        catch (LibGit2SharpException) { return null; } // a half-written clone is no workspace to reuse
    }

    static string Branch(string branch) =>
        GitRepository.IsRevisionName(branch) ? branch : throw new ArgumentException($"'{branch}' is not a branch name.", nameof(branch));
}
