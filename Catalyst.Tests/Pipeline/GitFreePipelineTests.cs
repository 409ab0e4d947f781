using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Previews;

namespace Catalyst.Tests.Pipeline;

/// <summary>
/// The whole embedded pipeline (the real Api process, the real agents) from a prompt to a completed task, on a
/// PATH that has every program this machine has except git: the product needs no git binary.
/// </summary>
public sealed class GitFreePipelineTests(PostgresServerFixture postgres)
{
    const string Prompt = "a recipe book";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_task_completes_from_prompt_to_preview_with_no_git_on_the_path()
    {
        using var dataRoot = new TestDirectory("nogit");
        using var tools = new TestDirectory("nogit-bin");
        var path = PathWithout(tools.Path, "git");
        Assert.False(File.Exists(Path.Combine(tools.Path, "git")));
        Assert.True(File.Exists(Path.Combine(tools.Path, "dotnet")), "the Tester and the Deployer still need dotnet");

        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = NestedToolEnvironment.Create();
        environment["PATH"] = path;
        environment["ConnectionStrings__catalystdb"] = await postgres.CreateMigratedDatabaseAsync();
        environment["Catalyst__DataRoot"] = dataRoot.Path;
        environment["Catalyst__Preview__StopOnShutdown"] = "true";
        foreach (var (key, value) in PreviewPorts.Settings("Catalyst__Preview__")) environment[key] = value;
        using var catalyst = new HttpClient { BaseAddress = url };

        await using var api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
        var created = await catalyst.PostAsJsonAsync("/api/tasks", new { prompt = Prompt }, Ct);
        var taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;
        var task = await WaitForTaskAsync(catalyst, taskId, api);

        Assert.True((string?)task["status"] == "completed", $"{task.ToJsonString()}\n{api.Output}");
        // What the agents committed reads back through the repository endpoints ...
        var repository = Assert.Single(JsonNode.Parse(await catalyst.GetStringAsync("/api/git/repos", Ct))!.AsArray())!;
        var projectId = (string)repository["project_id"]!;
        var branches = repository["branches"]!.AsArray().Select(b => (string)b!).ToList();
        Assert.Contains("main", branches);
        var taskBranch = Assert.Single(branches, b => b != "main");
        var history = JsonNode.Parse(await catalyst.GetStringAsync($"/api/git/repos/{projectId}/commits?branch={taskBranch}", Ct))!;
        Assert.True(history["commits"]!.AsArray().Count >= 3, history.ToJsonString()); // plan, architecture, code at least
        Assert.All(history["commits"]!.AsArray(), c => Assert.Equal("Catalyst AI", (string?)c!["author"]));
        // ... and what the Tester measured reads back through the artifacts endpoint.
        var artifacts = JsonNode.Parse(await catalyst.GetStringAsync($"/api/tasks/{taskId}/artifacts", Ct))!["files"]!.AsArray()
            .Select(f => (string)f!["path"]!).ToList();
        Assert.Contains("test-results/test-summary.json", artifacts);
        var summary = JsonNode.Parse(await catalyst.GetStringAsync($"/api/tasks/{taskId}/artifacts/test-results/test-summary.json", Ct))!;
        Assert.Equal("passed", (string?)summary["status"]);
    }

    /// <summary>A PATH of one folder holding a link to every program on the current PATH except <paramref name="excluded"/> and its helpers.</summary>
    static string PathWithout(string folder, string excluded)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(directory)) continue;
            foreach (var program in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(program);
                if (name == excluded || name.StartsWith(excluded + "-", StringComparison.Ordinal)) continue;
                if ((File.GetUnixFileMode(program) & UnixFileMode.UserExecute) == 0) continue;
                var link = Path.Combine(folder, name);
                if (!File.Exists(link)) File.CreateSymbolicLink(link, program); // the first on the PATH wins, as in a shell
            }
        }
        return folder;
    }

    static async Task<JsonNode> WaitForTaskAsync(HttpClient catalyst, string taskId, HostProcess api)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(8);
        while (true)
        {
            var task = JsonNode.Parse(await catalyst.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
            if ((string?)task["status"] is "completed" or "failed" or "cancelled") return task;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The task is still {(string?)task["status"]}:\n{api.Output}");
            await Task.Delay(250, Ct);
        }
    }
}
