using System.Text.RegularExpressions;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence;
using Catalyst.Core.Projects;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Agents.Explorer.Repository;

/// <summary>The tree a scan reads: where it is, where it came from, and how it got there.</summary>
public sealed record CheckedOut(string Root, string Origin, string How, bool IsGit);

/// <summary>
/// Resolves a repository scan's target and checks it out into the scan's workspace with LibGit2Sharp:
/// a git URL (http, https, ssh, git), a local path or file:// URL inside an allowed root (a repository is
/// cloned; a plain folder is read where it is, never written), or a Catalyst project by id or name. Clones are
/// shallow where libgit2 can (not over its local transport, nor from a server that refuses its shallow request, as
/// git daemon does) and stopped at the size cap.
/// </summary>
public sealed partial class RepositorySource(IOptions<ExplorerOptions> options, ProjectRepositories repositories, IServiceScopeFactory scopes)
{
    static readonly HashSet<string> RemoteSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "ssh", "git" };

    /// <summary>Why the target may not be scanned, or null. Projects named by id are checked when the scan runs.</summary>
    public string? Refuse(string target)
    {
        var trimmed = target.Trim();
        if (trimmed.Length == 0) return "The target is empty: give a git URL, a local path inside an allowed root, or a Catalyst project's id or name.";
        if (ScpLike().IsMatch(trimmed)) return null;
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && !Path.IsPathRooted(trimmed))
        {
            if (uri.IsFile) return RefuseLocal(uri.LocalPath);
            return RemoteSchemes.Contains(uri.Scheme) ? null
                : $"'{uri.Scheme}' URLs cannot be cloned: use http, https, ssh, git or file.";
        }
        if (Path.IsPathRooted(trimmed)) return RefuseLocal(trimmed);
        if (Guid.TryParse(trimmed, out _)) return null;
        var slug = ProjectSlug.From(trimmed);
        return slug is not null && Directory.Exists(repositories.PathFor(slug)) ? null
            : $"'{trimmed}' is neither a URL, an absolute path, nor a Catalyst project with a repository.";
    }

    string? RefuseLocal(string path)
    {
        var full = RealPath(path);
        if (!AllowedRoots().Any(root => full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            return $"The path {path} is outside the folders the Explorer may read (Catalyst's repositories and {ExplorerOptions.Section}:AllowedRoots).";
        return Directory.Exists(full) ? null : $"There is no folder at {path}.";
    }

    IEnumerable<string> AllowedRoots() =>
        options.Value.AllowedRoots.Prepend(repositories.RepositoriesRoot).Where(r => r.Length > 0).Select(RealPath);

    static string RealPath(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        // A link inside an allowed root may lead anywhere: judge where it leads.
        var info = new DirectoryInfo(full);
        return info.Exists && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName).TrimEnd(Path.DirectorySeparatorChar) : full;
    }

    public async Task<CheckedOut> CheckOutAsync(string target, string workspace, Action<string> progress, CancellationToken ct)
    {
        if (Refuse(target) is { } refused) throw new ScanFailedException(refused);
        var trimmed = target.Trim();
        string source;
        if (ScpLike().IsMatch(trimmed)) source = trimmed;
        else if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && !Path.IsPathRooted(trimmed)) source = uri.IsFile ? RealPath(uri.LocalPath) : trimmed;
        else if (Path.IsPathRooted(trimmed)) source = RealPath(trimmed);
        else source = await ProjectPathAsync(trimmed, ct);

        var local = Directory.Exists(source);
        if (local && !LibGit2Sharp.Repository.IsValid(source))
        {
            progress($"Reading the folder {source} in place (it is not a git repository)...");
            return new CheckedOut(source, source, "read in place (not a git repository)", IsGit: false);
        }
        progress($"Cloning {Display(trimmed)}...");
        var how = await Task.Run(() => Clone(source, workspace, local, ct), ct);
        return new CheckedOut(workspace, Display(trimmed), how, IsGit: true);
    }

    async Task<string> ProjectPathAsync(string reference, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalystDbContext>();
        var lower = reference.ToLowerInvariant();
        var project = Guid.TryParse(reference, out var id)
            ? await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            : await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name.ToLower() == lower || p.Slug == ProjectSlug.From(reference), ct);
        if (project is null) throw new ScanFailedException($"There is no Catalyst project '{reference}'.");
        var path = repositories.PathFor(project.Slug);
        if (!Directory.Exists(path)) throw new ScanFailedException($"The project {project.Name} has no repository yet: nothing was generated for it.");
        return path;
    }

    string Clone(string source, string workspace, bool local, CancellationToken ct)
    {
        // libgit2's local transport cannot fetch shallow: a local repository is cloned whole (it is on this disk already).
        var depth = local ? 0 : options.Value.CloneDepth;
        string how;
        try
        {
            Fetch(source, workspace, depth, ct);
            how = depth > 0 ? $"shallow clone (depth {depth})" : "full clone (local repository)";
        }
        catch (ScanFailedException ex) when (depth > 0 && ex.InnerException is LibGit2SharpException && !ct.IsCancellationRequested && !IsOverCap(ex))
        {
            // Some servers refuse libgit2's shallow request ("git daemon": "expected SHA1 list, got 'want ... shallow'",
            // which libgit2 reports as a broken pipe), though they serve a full clone: fetch it whole, under the same cap.
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
            Fetch(source, workspace, 0, ct);
            how = "full clone (the server refused a shallow one)";
        }
        var cap = options.Value.MaxRepositorySizeMb * 1024L * 1024;
        var size = new DirectoryInfo(workspace).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        if (size > cap)
            throw new ScanFailedException($"{TooLarge} {size / (1024 * 1024)} MB.");
        return how;
    }

    string TooLarge => $"The repository is larger than the {options.Value.MaxRepositorySizeMb} MB the Explorer clones ({ExplorerOptions.Section}:MaxRepositorySizeMb).";

    bool IsOverCap(ScanFailedException ex) => ex.Message.StartsWith(TooLarge, StringComparison.Ordinal);

    void Fetch(string source, string workspace, int depth, CancellationToken ct)
    {
        var cap = options.Value.MaxRepositorySizeMb * 1024L * 1024;
        var exceeded = false;
        bool Progress(TransferProgress p)
        {
            if (p.ReceivedBytes > cap) exceeded = true;
            return !exceeded && !ct.IsCancellationRequested;
        }
        try
        {
            var clone = new CloneOptions { Checkout = true, RecurseSubmodules = false };
            clone.FetchOptions.Depth = depth;
            clone.FetchOptions.OnTransferProgress = Progress;
            LibGit2Sharp.Repository.Clone(source, workspace, clone);
        }
        catch (Exception ex) when (ex is LibGit2SharpException or UserCancelledException)
        {
            ct.ThrowIfCancellationRequested();
            if (exceeded) throw new ScanFailedException(TooLarge, ex);
            throw new ScanFailedException($"The repository could not be cloned: {ex.Message}", ex);
        }
    }

    /// <summary>The target as it may be shown: without a password in a URL's user info.</summary>
    static string Display(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':')
            ? new UriBuilder(uri) { Password = "***" }.Uri.ToString() : target;

    [GeneratedRegex(@"^[\w.-]+@[\w.-]+:[^/\\]")] private static partial Regex ScpLike();
}
