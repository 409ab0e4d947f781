using Catalyst.Core.Processes;

namespace Catalyst.Core.Git;

public sealed record GitCommit(string Sha, string Author, DateTimeOffset Date, string Subject);

public sealed record GeneratedFile(string Path, string Content)
{
    /// <summary>Writes files under <paramref name="root"/>, every path confined to it.</summary>
    public static async Task WriteAllAsync(string root, IEnumerable<GeneratedFile> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var path = RepositoryPaths.Resolve(root, file.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, ct);
        }
    }
}

public sealed record DiffSummary(int FilesChanged, int Additions, int Deletions);

/// <summary>One project's repository, driven through the git CLI (LibGit2Sharp does not restore here).</summary>
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

public sealed partial class GitRepository(string root, IProcessRunner runner, GitOptions options) : IGitRepository
{
    public string Root { get; } = root;

    public async Task InitAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        if (Directory.Exists(Path.Combine(Root, ".git"))) return;
        await GitAsync(ct, "init", "--quiet", "--initial-branch=main");
    }

    public async Task<string> CurrentBranchAsync(CancellationToken ct) =>
        (await GitAsync(ct, "symbolic-ref", "--short", "HEAD")).Trim();

    public async Task<bool> BranchExistsAsync(string branch, CancellationToken ct) =>
        (await RunAsync(ct, "show-ref", "--verify", "--quiet", $"refs/heads/{Rev(branch)}")).ExitCode == 0;

    public async Task CheckoutAsync(string branch, CancellationToken ct, string? startPoint = null)
    {
        if (startPoint is not null) await GitAsync(ct, "checkout", "--quiet", "--force", "-B", Rev(branch), Rev(startPoint));
        else if (await HasCommitsAsync(ct)) await GitAsync(ct, "checkout", "--quiet", "--force", Rev(branch));
        else await GitAsync(ct, "symbolic-ref", "HEAD", $"refs/heads/{Rev(branch)}"); // an empty repository: name the first branch
        await GitAsync(ct, "clean", "-fdq");
    }

    public async Task<string> CommitAsync(IReadOnlyCollection<GeneratedFile> files, string message, CancellationToken ct, IReadOnlyCollection<string>? removed = null)
    {
        await GeneratedFile.WriteAllAsync(Root, files, ct);
        if (files.Count > 0) await GitAsync(ct, ["add", "--", .. files.Select(f => RepositoryPaths.Normalize(f.Path))]);
        if (removed is { Count: > 0 }) await GitAsync(ct, ["rm", "--quiet", "--ignore-unmatch", "--", .. removed.Select(RepositoryPaths.Normalize)]);
        var staged = await RunAsync(ct, "diff", "--cached", "--quiet");
        if (staged.ExitCode == 0) return await HeadAsync(ct); // a retried step: same content, nothing new
        await GitAsync(ct, "commit", "--quiet", "--no-verify", "-m", message);
        return await HeadAsync(ct);
    }

    public async Task<string> HeadAsync(CancellationToken ct) => (await GitAsync(ct, "rev-parse", "HEAD")).Trim();

    public async Task<IReadOnlyList<GitCommit>> LogAsync(string revision, int max, CancellationToken ct)
    {
        var output = await GitAsync(ct, "log", $"--max-count={max}", "--format=%H%x1f%an%x1f%aI%x1f%s", Rev(revision), "--");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\x1f'))
            .Select(p => new GitCommit(p[0], p[1], DateTimeOffset.Parse(p[2]), p[3]))
            .ToList();
    }

    public Task<string> DiffAsync(string from, string to, CancellationToken ct) => GitAsync(ct, "diff", Rev(from), Rev(to), "--");

    public async Task<DiffSummary> DiffSummaryAsync(string from, string to, CancellationToken ct)
    {
        var lines = (await GitAsync(ct, "diff", "--numstat", Rev(from), Rev(to), "--")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var counts = lines.Select(l => l.Split('\t')).Where(p => p.Length >= 3).ToList();
        // Binary files show "-" instead of line counts.
        return new DiffSummary(counts.Count, counts.Sum(p => int.TryParse(p[0], out var a) ? a : 0), counts.Sum(p => int.TryParse(p[1], out var d) ? d : 0));
    }

    public async Task<string?> ReadFileAsync(string revision, string path, CancellationToken ct)
    {
        var result = await RunAsync(ct, "show", $"{Rev(revision)}:{RepositoryPaths.Normalize(path)}");
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    public async Task<IReadOnlyList<string>> ListFilesAsync(string revision, CancellationToken ct) =>
        (await GitAsync(ct, "ls-tree", "-r", "--name-only", Rev(revision))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Revisions come from events: only plain names and hashes pass, so none can be read as a git option
    /// ("-x") or a range.
    /// </summary>
    static string Rev(string revision) =>
        IsRevisionName(revision) ? revision : throw new ArgumentException($"'{revision}' is not a branch name or commit.", nameof(revision));

    /// <summary>A plain branch, tag or commit name: never an option ("-x"), a range (".."), a NUL or a path.</summary>
    public static bool IsRevisionName(string revision) =>
        RevisionPattern().IsMatch(revision) && !revision.Contains("..", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9/._-]{0,199}\z")]
    private static partial System.Text.RegularExpressions.Regex RevisionPattern();

    async Task<bool> HasCommitsAsync(CancellationToken ct) => (await RunAsync(ct, "rev-parse", "--verify", "--quiet", "HEAD")).ExitCode == 0;

    async Task<string> GitAsync(CancellationToken ct, params string[] arguments)
    {
        var spec = Spec(arguments);
        return (await runner.RunAsync(spec, ct)).EnsureSuccess(spec).StandardOutput;
    }

    Task<ProcessResult> RunAsync(CancellationToken ct, params string[] arguments) => runner.RunAsync(Spec(arguments), ct);

    Task<BinaryProcessResult> RunForBytesAsync(int maxBytes, CancellationToken ct, params string[] arguments) => runner.RunForBytesAsync(Spec(arguments), maxBytes, ct);

    ProcessSpec Spec(string[] arguments) => new("git", ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", .. arguments])
    {
        WorkingDirectory = Root,
        Timeout = options.CommandTimeout,
        // The machine's or user's git configuration (hooks, signing, templates) must not change what we commit.
        Environment = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_AUTHOR_NAME"] = options.AuthorName,
            ["GIT_AUTHOR_EMAIL"] = options.AuthorEmail,
            ["GIT_COMMITTER_NAME"] = options.AuthorName,
            ["GIT_COMMITTER_EMAIL"] = options.AuthorEmail,
        },
    };
}
