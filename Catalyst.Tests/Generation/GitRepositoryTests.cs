using Catalyst.Core.Configuration;
using Catalyst.Core.Git;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Catalyst.Tests.Generation;

public sealed class GitRepositoryTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static ProjectRepositories Repositories(string root) =>
        new(Options.Create(new CatalystOptions { DataRoot = root }), Options.Create(new GitOptions()));

    [Fact]
    public async Task Commits_carry_the_Catalyst_author_and_files_read_back_at_any_revision()
    {
        using var root = new TestDirectory("git");
        await using var locked = await Repositories(root.Path).OpenAsync("shop", Ct);
        var repo = locked.Repository;
        await repo.CheckoutAsync("main", Ct);
        var first = await repo.CommitAsync([new("docs/a.md", "one\n")], "docs: first", Ct);
        var second = await repo.CommitAsync([new("docs/a.md", "two\n"), new("b.txt", "b\n")], "docs: second", Ct);

        Assert.Equal("one\n", await repo.ReadFileAsync(first, "docs/a.md", Ct));
        Assert.Equal("two\n", await repo.ReadFileAsync(second, "docs/a.md", Ct));
        Assert.Null(await repo.ReadFileAsync(first, "b.txt", Ct));
        var log = await repo.LogAsync("main", 10, Ct);
        Assert.Equal(["docs: second", "docs: first"], log.Select(c => c.Subject));
        Assert.All(log, c => Assert.Equal("Catalyst AI", c.Author));
        Assert.Equal(new DiffSummary(2, 2, 1), await repo.DiffSummaryAsync(first, second, Ct));
        Assert.Contains("+two", await repo.DiffAsync(first, second, Ct));
    }

    [Fact]
    public async Task Committing_the_same_content_again_changes_nothing()
    {
        using var root = new TestDirectory("git");
        await using var locked = await Repositories(root.Path).OpenAsync("shop", Ct);
        await locked.Repository.CheckoutAsync("main", Ct);
        var head = await locked.Repository.CommitAsync([new("a.txt", "a\n")], "chore: a", Ct);
        Assert.Equal(head, await locked.Repository.CommitAsync([new("a.txt", "a\n")], "chore: a again", Ct));
        Assert.Single(await locked.Repository.LogAsync("main", 10, Ct));
    }

    [Fact]
    public async Task A_branch_starts_from_a_commit_and_main_stays_where_it_was()
    {
        using var root = new TestDirectory("git");
        await using var locked = await Repositories(root.Path).OpenAsync("shop", Ct);
        var repo = locked.Repository;
        await repo.CheckoutAsync("main", Ct);
        var main = await repo.CommitAsync([new("plan.md", "plan\n")], "docs: plan", Ct);
        await repo.CheckoutAsync("feature/task-1", Ct, startPoint: main);
        await repo.CommitAsync([new("src/app.cs", "code\n")], "feat: code", Ct);
        await repo.CheckoutAsync("main", Ct);

        Assert.True(await repo.BranchExistsAsync("feature/task-1", Ct));
        Assert.Equal(main, await repo.HeadAsync(Ct));
        Assert.Equal(["plan.md", "src/app.cs"], await repo.ListFilesAsync("feature/task-1", Ct));
    }

    [Fact]
    public async Task A_branch_recreated_while_it_is_checked_out_starts_again_from_the_start_point()
    {
        using var root = new TestDirectory("git");
        await using var locked = await Repositories(root.Path).OpenAsync("shop", Ct);
        var repo = locked.Repository;
        await repo.CheckoutAsync("main", Ct);
        var main = await repo.CommitAsync([new("plan.md", "plan\n")], "docs: plan", Ct);
        await repo.CheckoutAsync("feature/task-1", Ct, startPoint: main);
        await repo.CommitAsync([new("src/app.cs", "half-done\n")], "feat: code", Ct);

        await repo.CheckoutAsync("feature/task-1", Ct, startPoint: main); // a retried step

        Assert.Equal("feature/task-1", await repo.CurrentBranchAsync(Ct));
        Assert.Equal(main, await repo.HeadAsync(Ct));
        Assert.Equal(["plan.md"], await repo.ListFilesAsync("feature/task-1", Ct));
        Assert.False(File.Exists(Path.Combine(repo.Root, "src", "app.cs")));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData(".git/config")]
    [InlineData("src/.GIT/hooks/pre-commit")]
    [InlineData("")]
    public async Task Paths_that_leave_the_repository_are_refused(string path)
    {
        using var root = new TestDirectory("git");
        await using var locked = await Repositories(root.Path).OpenAsync("shop", Ct);
        await locked.Repository.CheckoutAsync("main", Ct);
        await Assert.ThrowsAsync<UnsafePathException>(() => locked.Repository.CommitAsync([new(path, "x")], "chore: escape", Ct));
        Assert.False(File.Exists(Path.Combine(root.Path, "repos", "outside.txt")));
        Assert.False(File.Exists(Path.Combine(root.Path, "outside.txt")));
    }

    [Theory]
    [InlineData("../../etc", "etc")]
    [InlineData("My Shop!", "my-shop")]
    public void Project_names_become_folders_inside_the_repositories_root(string name, string folder)
    {
        using var root = new TestDirectory("git");
        var repositories = Repositories(root.Path);
        Assert.Equal(Path.Combine(repositories.RepositoriesRoot, folder), repositories.PathFor(name));
    }

    [Fact]
    public void A_name_without_letters_or_digits_has_no_repository()
    {
        using var root = new TestDirectory("git");
        Assert.Throws<ArgumentException>(() => Repositories(root.Path).PathFor("../.."));
    }

    [Fact]
    public async Task Work_on_one_repository_is_serialised()
    {
        using var root = new TestDirectory("git");
        var repositories = Repositories(root.Path);
        var first = await repositories.OpenAsync("shop", Ct);
        var second = repositories.OpenAsync("shop", Ct);
        await Task.Delay(300, Ct);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await (await second).DisposeAsync();
    }
}
