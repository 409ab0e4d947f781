using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Core.Caching;
using Catalyst.Core.Git;
using Catalyst.Core.Persistence.Entities;
using Catalyst.Core.Projects;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace Catalyst.Tests.Api;

/// <summary>
/// The read-only repository endpoints over HTTP, on a real project row and a real git repository committed
/// through GitRepository, with every read the Api makes from it counted.
/// </summary>
public sealed class GitApiTests(PostgresServerFixture postgres, RedisServerFixture redis)
{
    const string Readme = "# Browse me\r\nLine endings stay as committed.\r\n";

    CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record Browsed(CatalystApiFactory Factory, WebApplicationFactory<Program> Api, HttpClient Client, GitReadCounter Git, ProjectEntity Project, string First, string Second) : IAsyncDisposable
    {
        public string Route(string rest) => $"/api/git/repos/{Project.Id}/{rest}";

        public async Task<string> CommitAsync(string message, params GeneratedFile[] files)
        {
            await using var locked = await Api.Services.GetRequiredService<ProjectRepositories>().OpenAsync(Project.Slug, TestContext.Current.CancellationToken);
            await locked.Repository.CheckoutAsync("main", TestContext.Current.CancellationToken);
            return await locked.Repository.CommitAsync(files, message, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            Git.Dispose();
            await Factory.DisposeAsync(); // and the Api derived from it
        }
    }

    /// <summary>
    /// An Api with one project whose main branch has two commits: the first adds a README, an app and a binary
    /// file; the second changes the app and adds a library file.
    /// </summary>
    async Task<Browsed> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var factory = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var api = factory.WithWebHostBuilder(web =>
        {
            web.UseSetting("Catalyst:Git:MaxFileBytes", "4096");
            foreach (var (key, value) in settings ?? []) web.UseSetting(key, value);
        });
        var git = new GitReadCounter(api.Services.GetRequiredService<IMeterFactory>());
        ProjectEntity project;
        using (var scope = api.Services.CreateScope())
            project = await scope.ServiceProvider.GetRequiredService<ProjectRepository>().AddUniqueAsync("Browse Me", Ct);

        var browsed = new Browsed(factory, api, api.CreateClient(), git, project, "", "");
        var first = await browsed.CommitAsync("feat: first",
            new("README.md", Readme),
            new("src/app.js", "const a = 1;\nconst b = 2;\nconsole.log(a + b);\n"),
            new("assets/logo.bin", "PNG\0\u0001\u0002binary"));
        var second = await browsed.CommitAsync("feat: second",
            new("src/app.js", "const a = 1;\nconst b = 3;\nconsole.log(a + b);\nconsole.log('done');\n"),
            new("src/lib/util.js", "export const twice = x => 2 * x;\n"),
            new("big.txt", new string('x', 5000)));
        return browsed with { First = first, Second = second };
    }

    static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    static string[] Names(JsonObject tree) => [.. tree["entries"]!.AsArray().Select(e => $"{(string?)e!["kind"]}:{(string?)e["path"]}")];

    [Fact]
    public async Task The_tree_lists_folders_first_then_files_at_the_commit_a_ref_names()
    {
        await using var browsed = await StartAsync();

        var root = await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree"), Ct));
        var src = await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree?ref=main&path=src/"), Ct));
        var old = await JsonAsync(await browsed.Client.GetAsync(browsed.Route($"tree?ref={browsed.First}&path=src"), Ct));

        Assert.Equal(browsed.Second, (string?)root["commit"]);
        Assert.Equal("main", (string?)root["ref"]);
        Assert.Equal(["tree:assets", "tree:src", "blob:README.md", "blob:big.txt"], Names(root));
        var readme = root["entries"]!.AsArray().Single(e => (string?)e!["name"] == "README.md")!;
        Assert.Equal(Encoding.UTF8.GetByteCount(Readme), (long?)readme["size"]);
        Assert.Equal("100644", (string?)readme["mode"]);
        Assert.Equal("src", (string?)src["path"]);
        Assert.Equal(["tree:src/lib", "blob:src/app.js"], Names(src));
        Assert.Equal(browsed.First, (string?)old["commit"]);
        Assert.Equal(["blob:src/app.js"], Names(old));
    }

    [Fact]
    public async Task A_second_read_of_a_commit_is_served_from_the_cache_and_a_moved_branch_is_read_anew()
    {
        await using var browsed = await StartAsync();
        var resolvedBefore = browsed.Git.Count("resolve");

        await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree?ref=main"), Ct));
        await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree?ref=main"), Ct));
        await JsonAsync(await browsed.Client.GetAsync(browsed.Route($"tree?ref={browsed.Second}"), Ct)); // same commit, other name
        Assert.Equal(1, browsed.Git.Count("tree"));
        Assert.Equal(resolvedBefore + 3, browsed.Git.Count("resolve")); // the ref is resolved every time: cheap, and branches move

        await browsed.CommitAsync("feat: third", new GeneratedFile("NEW.md", "new\n"));
        var moved = await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree?ref=main"), Ct));

        Assert.Equal(2, browsed.Git.Count("tree"));
        Assert.Contains("blob:NEW.md", Names(moved));
    }

    [Fact]
    public async Task A_file_is_served_byte_for_byte_as_text_or_as_octet_stream()
    {
        await using var browsed = await StartAsync();

        var readme = await browsed.Client.GetAsync(browsed.Route("file?path=README.md"), Ct);
        var logo = await browsed.Client.GetAsync(browsed.Route("file?path=assets/logo.bin"), Ct);
        var oldApp = await browsed.Client.GetStringAsync(browsed.Route($"file?ref={browsed.First}&path=src/app.js"), Ct);
        await browsed.Client.GetAsync(browsed.Route("file?path=README.md"), Ct);

        Assert.Equal(HttpStatusCode.OK, readme.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", readme.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes(Readme), await readme.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("nosniff", readme.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(browsed.Second, readme.Headers.GetValues("X-Catalyst-Commit").Single());
        Assert.Equal("application/octet-stream", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes("PNG\0\u0001\u0002binary"), await logo.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("const a = 1;\nconst b = 2;\nconsole.log(a + b);\n", oldApp);
        Assert.Equal(3, browsed.Git.Count("blob")); // README, logo and the old app once each: the second README came from the cache
    }

    [Fact]
    public async Task The_diff_between_two_refs_has_the_patch_and_each_files_counts()
    {
        await using var browsed = await StartAsync();

        var diff = await JsonAsync(await browsed.Client.GetAsync(browsed.Route($"diff?base={browsed.First}&head=main"), Ct));
        await JsonAsync(await browsed.Client.GetAsync(browsed.Route($"diff?base={browsed.First}&head={browsed.Second}"), Ct));

        Assert.Equal(browsed.First, (string?)diff["base_commit"]);
        Assert.Equal(browsed.Second, (string?)diff["head_commit"]);
        var files = diff["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => ((int?)f!["additions"], (int?)f["deletions"]));
        Assert.Equal((2, 1), files["src/app.js"]);
        Assert.Equal((1, 0), files["src/lib/util.js"]);
        Assert.Equal((1, 0), files["big.txt"]);
        Assert.Equal(4, (int?)diff["additions"]);
        Assert.Equal(1, (int?)diff["deletions"]);
        var patch = (string)diff["patch"]!;
        Assert.Contains("+++ b/src/app.js", patch);
        Assert.Contains("-const b = 2;\n+const b = 3;\n", patch);
        Assert.False((bool)diff["truncated"]!);
        Assert.Equal(1, browsed.Git.Count("diff")); // the second diff of the same commits came from the cache
    }

    /// <summary>Refused before the repository is opened, except the last two, which need to know what the path is.</summary>
    static readonly (string Route, string Detail)[] RefusedReads =
    [
        ("tree?path=../../etc/passwd", "leaves its folder"),
        ("file?path=../../etc/passwd", "leaves its folder"),
        ("file?path=src/../../../etc/passwd", "leaves its folder"),
        ("file?path=/etc/passwd", "absolute"),
        ("tree?path=%2Fetc", "absolute"),
        ("file?path=.git/config", ".git"),
        ("file?path=README.md%00.txt", "forbidden character"),
        ("tree?ref=--output=x", "'--output=x' is not a branch, tag or commit name"),
        ("file?ref=--output=/tmp/x&path=README.md", "is not a branch, tag or commit name"),
        ("diff?base=--output=x&head=main", "is not a branch, tag or commit name"),
        ("diff?base=main&head=-p", "is not a branch, tag or commit name"),
        ("diff?base=main..HEAD", "without '..'"),
        ("diff?head=main", "Name the base"),
        ("file", "Name the file"),
        ("file?path=src", "is a folder, not a file"),
        ("tree?path=README.md", "is a file, not a folder"),
    ];

    [Fact]
    public async Task Traversal_absolute_paths_and_option_like_refs_are_refused_with_a_400_problem_before_git_is_read()
    {
        await using var browsed = await StartAsync();

        foreach (var (route, detail) in RefusedReads)
        {
            var readsBefore = browsed.Git.Total;
            var response = await browsed.Client.GetAsync(browsed.Route(route), Ct);
            var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", route);
            Assert.True(((string?)problem["detail"])?.Contains(detail, StringComparison.Ordinal), $"{route}: {problem["detail"]}");
            if (!detail.StartsWith("is a ", StringComparison.Ordinal)) Assert.True(readsBefore == browsed.Git.Total, $"{route} was read from the repository");
        }
    }

    [Fact]
    public async Task An_unknown_project_ref_or_path_is_a_404_problem_and_a_file_over_the_limit_a_422()
    {
        await using var browsed = await StartAsync();
        var unknownProject = Guid.NewGuid();

        var noProject = await JsonAsync(await browsed.Client.GetAsync($"/api/git/repos/{unknownProject}/tree", Ct), HttpStatusCode.NotFound);
        var noRef = await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree?ref=no-such-branch"), Ct), HttpStatusCode.NotFound);
        var noPath = await JsonAsync(await browsed.Client.GetAsync(browsed.Route("file?path=src/missing.js"), Ct), HttpStatusCode.NotFound);
        var tooLarge = await JsonAsync(await browsed.Client.GetAsync(browsed.Route("file?path=big.txt"), Ct), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(unknownProject.ToString(), (string?)noProject["detail"]);
        Assert.Contains("'no-such-branch' names no branch, tag or commit", (string?)noRef["detail"]);
        Assert.Contains("There is no 'src/missing.js' at main", (string?)noPath["detail"]);
        Assert.Contains("5,000 bytes", (string?)tooLarge["detail"]);
        Assert.Contains("Catalyst:Git:MaxFileBytes", (string?)tooLarge["detail"]);
        Assert.Equal(0, browsed.Git.Count("blob")); // its size was enough to refuse it
        Assert.Equal(2, browsed.Git.Count("file"));
    }

    [Fact]
    public async Task A_project_that_has_committed_nothing_is_a_404_problem_and_gets_no_repository()
    {
        await using var browsed = await StartAsync();
        ProjectEntity empty;
        using (var scope = browsed.Api.Services.CreateScope())
            empty = await scope.ServiceProvider.GetRequiredService<ProjectRepository>().AddUniqueAsync("Nothing Yet", Ct);

        var problem = await JsonAsync(await browsed.Client.GetAsync($"/api/git/repos/{empty.Id}/tree", Ct), HttpStatusCode.NotFound);

        Assert.Contains("has no repository yet", (string?)problem["detail"]);
        Assert.False(Directory.Exists(browsed.Api.Services.GetRequiredService<ProjectRepositories>().PathFor(empty.Slug)));
    }

    [Fact]
    public async Task With_a_cache_connection_string_the_Api_keeps_its_reads_in_redis()
    {
        var server = await redis.GetAsync();
        await using var browsed = await StartAsync(new() { [$"ConnectionStrings:{CachingExtensions.ConnectionName}"] = server.ConnectionString });

        await JsonAsync(await browsed.Client.GetAsync(browsed.Route("tree?path=src"), Ct));
        var health = await browsed.Client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var keys = await RedisKeys.WaitForAsync(connection, $"{CachingExtensions.RedisInstanceName}git:{browsed.Project.Id:N}:tree:*", 1, Ct);
        Assert.Equal($"{CachingExtensions.RedisInstanceName}git:{browsed.Project.Id:N}:tree:{browsed.Second}::src", (string?)Assert.Single(keys));
    }
}
