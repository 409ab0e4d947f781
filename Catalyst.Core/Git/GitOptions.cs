namespace Catalyst.Core.Git;

/// <summary>
/// Where projects' code is kept (spec 6.2). The local repository is always the working copy; with GitHub (or
/// Both) each approved task's branch is also pushed to GitHub and a pull request to main is opened.
/// </summary>
public enum GitStorageMode { Local, GitHub, Both }

public sealed class GitOptions
{
    public const string Section = "Catalyst:Git";

    public GitStorageMode StorageMode { get; set; } = GitStorageMode.Local;

    public bool PushesToGitHub => StorageMode is GitStorageMode.GitHub or GitStorageMode.Both;

    public string AuthorName { get; set; } = "Catalyst AI";
    public string AuthorEmail { get; set; } = "ai@catalyst.dev";

    /// <summary>The largest file the repository browser returns (GET /api/git/repos/{id}/file).</summary>
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest unified diff the repository browser returns; longer ones are cut and marked truncated.</summary>
    public int MaxDiffBytes { get; set; } = 2 * 1024 * 1024;
}
