using Catalyst.Agents.Explorer;
using Catalyst.Agents.Explorer.Repository;
using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Explorer;

/// <summary>
/// One repository checked out by the Explorer over each way a user names it: git:// from a real `git daemon`,
/// smart HTTP from `git http-backend`, a file:// URL and a plain path inside an allowed root. Every way gives the
/// same tree and history, and a remote clone stays shallow.
/// </summary>
public sealed class RepositoryTransportTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repository_checks_out_alike_over_git_protocol_smart_http_file_url_and_path()
    {
        using var work = new TestDirectory("xpl-transport");
        var served = Path.Combine(work.Path, "served");
        var repository = FixtureRepositories.Create(Path.Combine(served, "express-shop"), FixtureRepositories.Express);
        await using var daemon = await GitDaemon.StartAsync(served, Ct);
        await using var http = await StartSmartHttpAsync(served);

        var source = Source(allowedRoot: served, dataRoot: work.Path);
        var targets = new (string Name, string Target, string How)[]
        {
            ("git://", daemon.Url("express-shop"), "full clone (the server refused a shallow one)"),
            ("http://", $"{http.Urls.First()}/express-shop", "shallow clone (depth 1)"),
            ("file://", new Uri(repository).AbsoluteUri, "full clone (local repository)"),
            ("path", repository, "full clone (local repository)"),
        };
        var expected = FixtureRepositories.Express.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var (name, target, how) in targets)
        {
            var workspace = Path.Combine(work.Path, "checkout-" + name.Trim(':', '/'));
            var checkedOut = await source.CheckOutAsync(target, workspace, _ => { }, Ct);
            Assert.True(checkedOut.IsGit, name);
            Assert.Equal(how, checkedOut.How);
            var files = Directory.EnumerateFiles(checkedOut.Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(checkedOut.Root, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, files);
            using var clone = new LibGit2Sharp.Repository(checkedOut.Root);
            Assert.Equal("docs: readme", clone.Head.Tip.MessageShort);
        }
    }

    static RepositorySource Source(string allowedRoot, string dataRoot)
    {
        var explorer = Options.Create(new ExplorerOptions { AllowedRoots = [allowedRoot], CloneDepth = 1 });
        var repositories = new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = dataRoot }), Options.Create(new GitOptions()));
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        return new RepositorySource(explorer, repositories, scopes);
    }

    /// <summary>The repositories under <paramref name="root"/>, open to fetch over smart HTTP (a public host).</summary>
    static async Task<WebApplication> StartSmartHttpAsync(string root)
    {
        var git = new GitSmartHttp(root, password: null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        var app = builder.Build();
        app.Map("/{name}/{**rest}", (HttpContext context, string name, string? rest) => git.ServeAsync(context, $"/{name}/{rest}"));
        await app.StartAsync(Ct);
        return app;
    }
}
