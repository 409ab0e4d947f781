using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace Catalyst.Core.Git.GitHub;

/// <summary>
/// <see cref="IGitHubRepositories"/> through Octokit, against public GitHub or the Enterprise server of
/// Catalyst:GitHub:BaseUrl (Octokit adds /api/v3/). Octokit keeps its own HttpClient, without the retrying
/// handler of the other clients: creating a repository or a pull request is not safe to repeat blindly.
/// </summary>
public sealed class OctokitGitHubRepositories(IOptions<GitHubOptions> options) : IGitHubRepositories
{
    readonly Lazy<GitHubClient> client = new(() => Connect(options.Value));

    public Task<GitHubRepository> EnsureRepositoryAsync(string name, string description, CancellationToken ct) => CallAsync(async github =>
    {
        var owner = options.Value.Owner ?? (await github.User.Current()).Login;
        try
        {
            return View(await github.Repository.Get(owner, name), created: false);
        }
        catch (NotFoundException)
        {
            var wanted = new NewRepository(name) { Description = description, Private = options.Value.PrivateRepositories, AutoInit = false };
            // A repository of the token's own user is created through /user/repos, one of an organisation through /orgs/{org}/repos.
            var login = options.Value.Owner is null ? owner : (await github.User.Current()).Login;
            var created = string.Equals(owner, login, StringComparison.OrdinalIgnoreCase)
                ? await github.Repository.Create(wanted)
                : await github.Repository.Create(owner, wanted);
            return View(created, created: true);
        }
    }, ct);

    public Task<GitHubPullRequest> EnsurePullRequestAsync(GitHubRepository repository, PullRequestDraft draft, CancellationToken ct) => CallAsync(async github =>
    {
        var open = await github.PullRequest.GetAllForRepository(repository.Owner, repository.Name,
            new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{repository.Owner}:{draft.Head}", Base = draft.Base },
            new ApiOptions { PageSize = 10, PageCount = 1 });
        if (open.FirstOrDefault(p => p.Head?.Ref == draft.Head) is { } existing) return View(existing, created: false);
        var opened = await github.PullRequest.Create(repository.Owner, repository.Name, new NewPullRequest(draft.Title, draft.Head, draft.Base) { Body = draft.Body });
        return View(opened, created: true);
    }, ct);

    static GitHubClient Connect(GitHubOptions settings)
    {
        if (!settings.IsConfigured) throw NotConfigured();
        var credentials = new InMemoryCredentialStore(new Credentials(settings.Token));
        var github = new GitHubClient(new ProductHeaderValue("Catalyst"), credentials, settings.BaseUrl ?? GitHubClient.GitHubApiUrl);
        github.SetRequestTimeout(settings.Timeout);
        return github;
    }

    async Task<T> CallAsync<T>(Func<GitHubClient, Task<T>> call, CancellationToken ct)
    {
        if (!options.Value.IsConfigured) throw NotConfigured();
        try
        {
            return await call(client.Value).WaitAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Describe(e) is { } failure)
        {
            throw new GitHubException(failure.Kind, options.Value.Scrub(failure.Message), e);
        }
    }

    static (GitHubFailure Kind, string Message)? Describe(Exception exception) => exception switch
    {
        AuthorizationException => (GitHubFailure.Unavailable, "GitHub refused the token (401): check Catalyst:GitHub:Token."),
        ForbiddenException forbidden => (GitHubFailure.Unavailable, $"GitHub refused the request (403): {forbidden.Message} The token may lack the scope to create repositories or pull requests."),
        ApiValidationException invalid => (GitHubFailure.Rejected, $"GitHub refused the request (422): {Details(invalid)}"),
        ApiException api => (GitHubFailure.Unavailable, $"GitHub answered {(int)api.StatusCode} {api.StatusCode}: {api.Message}"),
        HttpRequestException http => (GitHubFailure.Unavailable, $"GitHub could not be reached: {http.Message}"),
        TaskCanceledException or TimeoutException => (GitHubFailure.Unavailable, "GitHub did not answer in time (Catalyst:GitHub:Timeout)."),
        _ => null,
    };

    static string Details(ApiValidationException invalid) =>
        invalid.ApiError?.Errors is { Count: > 0 } errors
            ? string.Join("; ", errors.Select(e => e.Message ?? $"{e.Field} {e.Code}"))
            : invalid.Message;

    static GitHubException NotConfigured() =>
        new(GitHubFailure.NotConfigured, "GitHub is not configured: set Catalyst:GitHub:Token (and Catalyst:GitHub:Owner, Catalyst:GitHub:BaseUrl for GitHub Enterprise).");

    static GitHubRepository View(Repository repository, bool created) =>
        new(repository.Owner.Login, repository.Name, repository.HtmlUrl, new Uri(repository.CloneUrl), repository.DefaultBranch ?? "main", created);

    static GitHubPullRequest View(PullRequest pull, bool created) =>
        new(pull.Number, pull.HtmlUrl, pull.Head.Ref, pull.Base.Ref, pull.State.StringValue, created);
}
