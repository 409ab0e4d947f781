using LibGit2Sharp;

namespace Catalyst.Core.Git;

/// <summary>A local branch as it was pushed: its name and the commit the remote branch now points at.</summary>
public sealed record PushedBranch(string Name, string Commit);

/// <summary>A push the remote refused, branch by branch (a branch the remote has moved on, typically).</summary>
public sealed class GitPushRejectedException(string message) : Exception(message);

public sealed partial class GitRepository
{
    /// <summary>The remote Catalyst pushes to; its URL is kept in the repository's own config, never with a credential.</summary>
    public const string GitHubRemote = "github";

    /// <summary>
    /// Pushes <paramref name="branches"/> to the same names at <paramref name="remoteUrl"/> (remote
    /// <see cref="GitHubRemote"/>), answering the server's authentication challenge with the credentials given.
    /// Nothing is forced: a remote branch with commits the local one lacks is refused.
    /// </summary>
    public Task<IReadOnlyList<PushedBranch>> PushAsync(
        Uri remoteUrl, IReadOnlyCollection<string> branches, string username, string password, CancellationToken ct) =>
        WithAsync<IReadOnlyList<PushedBranch>>(repository =>
        {
            var url = remoteUrl.ToString();
            if (repository.Network.Remotes[GitHubRemote] is null) repository.Network.Remotes.Add(GitHubRemote, url);
            else repository.Network.Remotes.Update(GitHubRemote, remote => remote.Url = url);

            var pushed = branches.Select(name => repository.Branches[Rev(name)] is { IsRemote: false, Tip: { } tip }
                    ? new PushedBranch(name, tip.Sha)
                    : throw new RepositoryReadException(RepositoryReadFailure.RevisionNotFound, $"There is no branch '{name}' to push."))
                .ToList();
            var refused = new List<string>();
            var options = new PushOptions
            {
                CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = username, Password = password },
                OnPushStatusError = error => refused.Add($"{error.Reference}: {error.Message}"),
            };
            try
            {
                repository.Network.Push(repository.Network.Remotes[GitHubRemote], [.. pushed.Select(b => $"refs/heads/{b.Name}:refs/heads/{b.Name}")], options);
            }
            catch (NonFastForwardException e)
            {
                throw new GitPushRejectedException($"The remote refused the push: {e.Message}. Its branch has commits this repository lacks.");
            }
            if (refused.Count > 0) throw new GitPushRejectedException($"The remote refused the push: {string.Join("; ", refused)}.");
            return pushed;
        }, ct);
}
