using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Git;

/// <summary>A project repository after a writer was killed mid-commit (SIGKILL leaves git's lock files behind).</summary>
public sealed class ProjectRepositoryLockTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lock_files_a_killed_writer_left_do_not_block_the_next_commit()
    {
        using var root = new TestDirectory("git-locks");
        var repositories = new ProjectRepositories(Options.Create(new CatalystOptions { DataRoot = root.Path }), Options.Create(new GitOptions()));
        string first;
        await using (var locked = await repositories.OpenAsync("notes", Ct))
            first = await locked.Repository.CommitAsync([new("README.md", "# Notes\n")], "docs: readme", Ct);

        var git = Path.Combine(repositories.PathFor("notes"), ".git");
        foreach (var left in new[] { "index.lock", "HEAD.lock", Path.Combine("refs", "heads", "main.lock") })
            await File.WriteAllTextAsync(Path.Combine(git, left), "", Ct);

        await using (var locked = await repositories.OpenAsync("notes", Ct))
        {
            var second = await locked.Repository.CommitAsync([new("README.md", "# Notes\n\nNow with due dates.\n")], "docs: due dates", Ct);
            Assert.NotEqual(first, second);
        }
        Assert.Empty(Directory.EnumerateFiles(git, "*.lock", SearchOption.AllDirectories));
    }
}
