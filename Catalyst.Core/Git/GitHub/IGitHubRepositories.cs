namespace Catalyst.Core.Git.GitHub;

/// <summary>A repository on GitHub; <see cref="CloneUrl"/> is where branches are pushed (it never carries a credential).</summary>
public sealed record GitHubRepository(string Owner, string Name, string HtmlUrl, Uri CloneUrl, string DefaultBranch, bool Created);

/// <summary>A pull request on GitHub; <see cref="Created"/> is false when it was already open.</summary>
public sealed record GitHubPullRequest(int Number, string Url, string Head, string Base, string State, bool Created);

/// <summary>What a new pull request says.</summary>
public sealed record PullRequestDraft(string Head, string Base, string Title, string Body);

/// <summary>
/// The few GitHub REST calls Catalyst makes, behind one seam: make sure a project's repository exists, and
/// make sure a pull request is open. Both are idempotent.
/// </summary>
public interface IGitHubRepositories
{
    /// <summary>The repository named <paramref name="name"/> under the configured owner, created (empty) when missing.</summary>
    Task<GitHubRepository> EnsureRepositoryAsync(string name, string description, CancellationToken ct);

    /// <summary>The open pull request from <see cref="PullRequestDraft.Head"/> to <see cref="PullRequestDraft.Base"/>, opened when there is none.</summary>
    Task<GitHubPullRequest> EnsurePullRequestAsync(GitHubRepository repository, PullRequestDraft draft, CancellationToken ct);
}

public enum GitHubFailure
{
    /// <summary>Catalyst:GitHub:Token is not set.</summary>
    NotConfigured,
    /// <summary>GitHub could not be reached, or answered with an error.</summary>
    Unavailable,
    /// <summary>GitHub refused a push (the remote branch has commits the local one lacks) or a pull request.</summary>
    Rejected,
}

/// <summary>A GitHub step that did not happen. The message says why and never carries the token.</summary>
public sealed class GitHubException(GitHubFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public GitHubFailure Failure { get; } = failure;
}
