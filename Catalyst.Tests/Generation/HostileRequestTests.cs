using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Pipeline;

namespace Catalyst.Tests.Generation;

/// <summary>Odd and hostile requests through the real agents: a working app or a clear error, never an escape.</summary>
public sealed class HostileRequestTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?> Requests => new()
    {
        { "xq zzkv blorp", null },
        { "todo", null },
        { "an app with " + string.Join(", ", Enumerable.Range(1, 300).Select(i => $"gizmo{i}s")), null },
        { "a tracker with ../../etc, \"quotes\", 🚀 rockets and '; DROP TABLE tasks; --", "../../etc" },
        { "a \"shop\" with products", "'; DROP TABLE projects; --" },
        { "notes", "🚀🚀 launch 🚀" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_odd_request_gives_an_app_or_a_clear_error_inside_the_repositories_root(string prompt, string? projectName)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder",
        }, PipelineAgents.Real);
        var taskId = await api.SubmitAsync(prompt, projectName);

        var (opened, failure) = await api.WaitForEventAsync(taskId, "code.pr.opened", TimeSpan.FromSeconds(90));
        Assert.True(opened is not null, $"the task failed: {failure}");

        var repository = (string)opened["payload"]!["local_repo"]!;
        var repositories = Path.GetFullPath(Path.Combine(repository, ".."));
        Assert.Equal("repos", Path.GetFileName(repositories));
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", Path.GetFileName(repository));
        // Everything written lives in the one project folder (and its lock file) under repos/.
        Assert.All(Directory.GetFileSystemEntries(repositories), e => Assert.StartsWith(repository, e));
        Assert.True((int)opened["payload"]!["files_created"]! > 10);
    }

    [Fact]
    public async Task A_second_task_on_a_project_adds_a_branch_to_the_same_repository()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var api = new PipelineApi(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalystdb"] = connectionString,
            ["Catalyst:Agents:Enabled"] = "planner,architect,coder",
        }, PipelineAgents.Real);
        var first = await api.SubmitAsync("hello world", projectName: "greeter");
        var second = await api.SubmitAsync("a counter", projectName: "Greeter");

        var repositories = new List<string>();
        foreach (var id in new[] { first, second })
        {
            var (opened, failure) = await api.WaitForEventAsync(id, "code.pr.opened", TimeSpan.FromSeconds(90));
            Assert.True(opened is not null, $"the task failed: {failure}");
            Assert.Equal($"feature/task-{id}", (string?)opened["payload"]!["branch"]);
            repositories.Add((string)opened["payload"]!["local_repo"]!);
        }
        Assert.Single(repositories.Distinct());
    }
}
