using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Catalyst.Core.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// A stand-in GitHub Enterprise server on a loopback port, for the calls Octokit makes under /api/v3/ (the
/// token's user, a repository, creating one for a user or an organisation, listing and opening pull requests),
/// answering with GitHub's documented REST payloads. The repositories it creates are real bare repositories,
/// served at /{owner}/{name}.git over git's smart HTTP as GitHub serves them, so a push really lands. Every
/// request is recorded. With <see cref="Failing"/> set, the API answers 500 with a message that quotes the
/// token (to prove Catalyst never repeats it).
/// </summary>
public sealed class GitHubStub : IAsyncDisposable
{
    public sealed record Request(string Method, string PathAndQuery, string Authorization, string Body);

    readonly WebApplication app;
    readonly TestDirectory repositories = new("ghstub");
    readonly ConcurrentQueue<Request> requests = new();
    readonly ConcurrentDictionary<string, JsonObject> repos = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, List<JsonObject>> pulls = new(StringComparer.OrdinalIgnoreCase);
    readonly GitSmartHttp git;

    GitHubStub(string token, string login)
    {
        Token = token;
        Login = login;
        git = new GitSmartHttp(repositories.Path, token);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(async (http, next) =>
        {
            http.Request.EnableBuffering();
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
            http.Request.Body.Position = 0;
            requests.Enqueue(new Request(http.Request.Method, http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.ToString(),
                http.Request.Path.StartsWithSegments("/api") ? body : ""));
            await next(http);
        });
        app.Map("/{owner}/{name}.git/{**rest}", (HttpContext http, string owner, string name, string? rest) =>
            git.ServeAsync(http, $"/{owner}/{name}.git/{rest}"));
        var api = app.MapGroup("/api/v3").AddEndpointFilter(async (context, next) =>
        {
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            // GitHub takes "token <t>" and "Bearer <t>", the scheme in any case (Octokit sends "Token <t>").
            var parts = header.Split(' ', 2);
            if (parts.Length != 2 || parts[0].ToLowerInvariant() is not ("token" or "bearer") || parts[1] != Token)
                return Results.Json(new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" }, statusCode: 401);
            if (Failing)
                return Results.Json(new JsonObject { ["message"] = $"Server Error while checking {Token}" }, statusCode: 500);
            return await next(context);
        });
        api.MapGet("/user", () => Results.Json(User(Login)));
        api.MapGet("/repos/{owner}/{name}", (string owner, string name) =>
            repos.TryGetValue($"{owner}/{name}", out var repo) ? Results.Json(repo) : NotFound());
        // Octokit sends its JSON bodies as application/x-www-form-urlencoded, which GitHub reads as JSON all the same.
        api.MapPost("/user/repos", async (HttpRequest request) => await CreateAsync(Login, await BodyAsync(request)));
        api.MapPost("/orgs/{org}/repos", async (string org, HttpRequest request) => await CreateAsync(org, await BodyAsync(request)));
        api.MapGet("/repos/{owner}/{name}/pulls", (string owner, string name, string? state, string? head, string? @base) =>
            Results.Json(new JsonArray([.. PullsOf(owner, name).Where(p =>
                (state is null || (string?)p["state"] == state) && (head is null || (string?)p["head"]!["label"] == head)
                && (@base is null || (string?)p["base"]!["ref"] == @base)).Select(p => p.DeepClone())])));
        api.MapPost("/repos/{owner}/{name}/pulls", async (string owner, string name, HttpRequest request) => OpenPull(owner, name, await BodyAsync(request)));
    }

    public string Token { get; }
    public string Login { get; }
    public bool Failing { get; set; }
    public Uri BaseUrl => new(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    public IReadOnlyList<Request> Requests => [.. requests];

    /// <summary>Starts a stub whose only valid token is <paramref name="token"/>, owned by the user <paramref name="login"/>.</summary>
    public static async Task<GitHubStub> StartAsync(string token, string login = "catalyst-bot")
    {
        var stub = new GitHubStub(token, login);
        await stub.app.StartAsync();
        return stub;
    }

    /// <summary>The commit <paramref name="branch"/> points at in the stub's repository, or null when it has no such branch.</summary>
    public async Task<string?> BranchCommitAsync(string owner, string name, string branch)
    {
        var spec = new ProcessSpec("git", ["--git-dir", BarePath(owner, name), "rev-parse", "--verify", "--quiet", $"refs/heads/{branch}"]) { Timeout = TimeSpan.FromSeconds(30) };
        var result = await new ProcessRunner().RunAsync(spec, CancellationToken.None);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    public IReadOnlyList<JsonObject> PullsOf(string owner, string name) =>
        pulls.TryGetValue($"{owner}/{name}", out var list) ? [.. list] : [];

    static async Task<JsonObject> BodyAsync(HttpRequest request) =>
        JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted))!.AsObject();

    string BarePath(string owner, string name) => Path.Combine(repositories.Path, owner, name + ".git");

    async Task<IResult> CreateAsync(string owner, JsonObject body)
    {
        var name = (string)body["name"]!;
        if (repos.ContainsKey($"{owner}/{name}"))
            return Results.Json(Invalid("Repository", "name", "custom", "name already exists on this account"), statusCode: 422);
        var spec = new ProcessSpec("git", ["init", "--bare", "--quiet", "--initial-branch=main", BarePath(owner, name)]) { Timeout = TimeSpan.FromSeconds(30) };
        (await new ProcessRunner().RunAsync(spec, CancellationToken.None)).EnsureSuccess(spec);
        var site = BaseUrl.ToString().TrimEnd('/');
        var repo = new JsonObject
        {
            ["id"] = repos.Count + 1, ["node_id"] = "R_stub", ["name"] = name, ["full_name"] = $"{owner}/{name}",
            ["owner"] = User(owner), ["private"] = (bool?)body["private"] ?? false, ["description"] = (string?)body["description"],
            ["html_url"] = $"{site}/{owner}/{name}", ["url"] = $"{site}/api/v3/repos/{owner}/{name}",
            ["clone_url"] = $"{site}/{owner}/{name}.git", ["git_url"] = $"git://127.0.0.1/{owner}/{name}.git",
            ["default_branch"] = "main", ["visibility"] = (bool?)body["private"] == true ? "private" : "public",
            ["created_at"] = "2026-01-01T00:00:00Z", ["updated_at"] = "2026-01-01T00:00:00Z", ["pushed_at"] = null,
        };
        repos[$"{owner}/{name}"] = repo;
        return Results.Json(repo, statusCode: 201);
    }

    IResult OpenPull(string owner, string name, JsonObject body)
    {
        if (!repos.TryGetValue($"{owner}/{name}", out var repo)) return NotFound();
        var (head, @base) = ((string)body["head"]!, (string)body["base"]!);
        var list = pulls.GetOrAdd($"{owner}/{name}", _ => []);
        lock (list)
        {
            if (list.Any(p => (string?)p["head"]!["ref"] == head && (string?)p["state"] == "open"))
                return Results.Json(Invalid("PullRequest", "head", "custom", $"A pull request already exists for {owner}:{head}."), statusCode: 422);
            var number = list.Count + 1;
            var pull = new JsonObject
            {
                ["id"] = number, ["number"] = number, ["state"] = "open", ["locked"] = false,
                ["title"] = (string?)body["title"], ["body"] = (string?)body["body"], ["user"] = User(Login),
                ["html_url"] = $"{repo["html_url"]}/pull/{number}", ["url"] = $"{repo["url"]}/pulls/{number}",
                ["head"] = Ref(owner, head, repo), ["base"] = Ref(owner, @base, repo),
                ["draft"] = false, ["merged"] = false, ["created_at"] = "2026-01-01T00:00:00Z", ["updated_at"] = "2026-01-01T00:00:00Z",
            };
            list.Add(pull);
            return Results.Json(pull, statusCode: 201);
        }
    }

    static JsonObject Ref(string owner, string branch, JsonObject repo) => new()
    {
        ["label"] = $"{owner}:{branch}", ["ref"] = branch, ["sha"] = new string('0', 40), ["user"] = User(owner), ["repo"] = repo.DeepClone(),
    };

    static JsonObject User(string login) => new()
    {
        ["login"] = login, ["id"] = login.Length, ["node_id"] = "U_stub", ["type"] = "User", ["site_admin"] = false,
    };

    static JsonObject Invalid(string resource, string field, string code, string message) => new()
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["field"] = field, ["code"] = code, ["message"] = message }),
        ["documentation_url"] = "https://docs.github.com/rest",
    };

    static IResult NotFound() =>
        Results.Json(new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" }, statusCode: 404);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        repositories.Dispose();
    }
}
