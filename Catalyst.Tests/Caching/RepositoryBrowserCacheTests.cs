using Catalyst.Core.Caching;
using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Catalyst.Tests.Caching;

/// <summary>
/// Two processes' worth of RepositoryBrowser (two hosts, one data root, one real Redis): what one read from git,
/// the other reads from Redis, and each host's reads of the repository are counted.
/// </summary>
public sealed class RepositoryBrowserCacheTests(RedisServerFixture redis) : IDisposable
{
    readonly TestDirectory dataRoot = new("browse");

    CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One process's worth: its host and a count of what it read from the repository.</summary>
    sealed record BrowsingHost(IHost Host, GitReadCounter Git) : IDisposable
    {
        public RepositoryBrowser Browser => Host.Services.GetRequiredService<RepositoryBrowser>();

        public void Dispose()
        {
            Git.Dispose();
            Host.Dispose();
        }
    }

    async Task<BrowsingHost> StartHostAsync(string cacheConnection)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration[$"ConnectionStrings:{CachingExtensions.ConnectionName}"] = cacheConnection;
        builder.Configuration["Catalyst:DataRoot"] = dataRoot.Path;
        builder.AddCatalystCache();
        builder.Services.AddOptions<CatalystOptions>().BindConfiguration(CatalystOptions.Section);
        builder.Services.AddOptions<GitOptions>().BindConfiguration(GitOptions.Section);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ProjectRepositories>();
        builder.Services.AddSingleton<RepositoryBrowser>();
        var host = builder.Build();
        await host.StartAsync(Ct);
        return new BrowsingHost(host, new GitReadCounter(host.Services.GetRequiredService<IMeterFactory>()));
    }

    [Fact]
    public async Task A_second_process_reads_trees_files_and_diffs_from_redis_without_running_git()
    {
        var server = await redis.GetAsync();
        var project = new BrowsedProject(Guid.NewGuid(), $"browse-{Guid.NewGuid():N}"[..20]);
        var repositories = new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = dataRoot.Path }), Options.Create(new GitOptions()));
        string first, second;
        await using (var locked = await repositories.OpenAsync(project.Slug, Ct))
        {
            first = await locked.Repository.CommitAsync([new("src/app.js", "let a = 1;\n"), new("logo.bin", "\0\u0001binary")], "feat: first", Ct);
            second = await locked.Repository.CommitAsync([new("src/app.js", "let a = 2;\n")], "feat: second", Ct);
        }
        using var firstHost = await StartHostAsync(server.ConnectionString);
        using var secondHost = await StartHostAsync(server.ConnectionString);
        var (writer, firstGit) = (firstHost.Browser, firstHost.Git);
        var (reader, secondGit) = (secondHost.Browser, secondHost.Git);

        var tree = await writer.TreeAsync(project, "main", "src", Ct);
        var file = await writer.FileAsync(project, first, "logo.bin", Ct);
        var diff = await writer.DiffAsync(project, first, "main", Ct);
        await RedisKeys.WaitForAsync(firstHost.Host.Services.GetRequiredService<IConnectionMultiplexer>(), $"*git:{project.Id:N}:*", 3, Ct);
        var treeAgain = await reader.TreeAsync(project, "main", "src", Ct);
        var fileAgain = await reader.FileAsync(project, first, "logo.bin", Ct);
        var diffAgain = await reader.DiffAsync(project, first, "main", Ct);

        Assert.Equal((1, 1, 1), (firstGit.Count("tree"), firstGit.Count("blob"), firstGit.Count("diff")));
        Assert.Equal((0, 0, 0, 0), (secondGit.Count("tree"), secondGit.Count("blob"), secondGit.Count("diff"), secondGit.Count("file")));
        Assert.Equal(second, treeAgain.Commit);
        Assert.Equal(tree.Entries, treeAgain.Entries);
        Assert.Equal(file.Content, fileAgain.Content);
        Assert.True(fileAgain.IsBinary);
        Assert.Equal(diff.Diff.Patch, diffAgain.Diff.Patch);
        Assert.Equal(diff.Diff.Files, diffAgain.Diff.Files);
        Assert.Equal(new GitFileChange("src/app.js", 1, 1), Assert.Single(diffAgain.Diff.Files));

        // After an eviction Redis's copy is refused: a process without one in memory reads git again, and the
        // evicting process, its own copy dropped, gets that fresh entry from Redis.
        await writer.EvictAsync(project.Id, Ct);
        var redisKey = $"git:{project.Id:N}:tree:{second}::src";
        var distributed = firstHost.Host.Services.GetRequiredService<IDistributedCache>();
        var refused = await distributed.GetAsync(redisKey, Ct);
        Assert.NotNull(refused);
        using var thirdHost = await StartHostAsync(server.ConnectionString);
        await thirdHost.Browser.TreeAsync(project, "main", "src", Ct);
        // the fresh entry reaches Redis in the background of the third host's read (RedisKeys): wait for it, not for a time
        var written = Stopwatch.StartNew();
        while ((await distributed.GetAsync(redisKey, Ct))!.AsSpan().SequenceEqual(refused) && written.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20, Ct);
        var refreshed = await writer.TreeAsync(project, "main", "src", Ct);
        Assert.Equal(1, thirdHost.Git.Count("tree"));
        Assert.Equal(1, firstGit.Count("tree"));
        Assert.Equal(tree.Entries, refreshed.Entries);
    }

    public void Dispose() => dataRoot.Dispose();
}
