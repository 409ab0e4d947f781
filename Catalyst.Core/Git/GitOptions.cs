namespace Catalyst.Core.Git;

public sealed class GitOptions
{
    public const string Section = "Catalyst:Git";

    public string AuthorName { get; set; } = "Catalyst AI";
    public string AuthorEmail { get; set; } = "ai@catalyst.dev";

    /// <summary>The largest file the repository browser returns (GET /api/git/repos/{id}/file).</summary>
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest unified diff the repository browser returns; longer ones are cut and marked truncated.</summary>
    public int MaxDiffBytes { get; set; } = 2 * 1024 * 1024;
}
