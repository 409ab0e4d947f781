using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Core.Artifacts;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalyst.Tests.Api;

/// <summary>
/// A task's artifacts over HTTP: real files in the Api's data root, listed and served with their content types,
/// and nothing outside the task's own artifact folder reachable however the path is spelled.
/// </summary>
public sealed class TaskArtifactsApiTests(PostgresServerFixture postgres)
{
    const string Secret = "the database password";
    static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record Artifacts(CatalystApiFactory Api, HttpClient Client, Guid TaskId, string Root) : IAsyncDisposable
    {
        public string Route(string rest = "") => $"/api/tasks/{TaskId}/artifacts{rest}";

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }

    /// <summary>
    /// A task (held for plan approval, so no agent writes beside the test) whose artifact folder holds what the
    /// agents write, a workspace, and links; a secret sits next to the artifacts folder and in another task's.
    /// </summary>
    async Task<Artifacts> StartAsync()
    {
        var api = new CatalystApiFactory(await postgres.CreateMigratedDatabaseAsync());
        var client = api.CreateClient();
        var created = await client.PostAsJsonAsync("/api/tasks", new { prompt = "a recipe book", approve_plan = true }, Ct);
        var taskId = Guid.Parse((string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!);
        var artifacts = api.Services.GetRequiredService<TaskArtifacts>();
        var root = artifacts.RootFor(taskId);
        var dataRoot = Path.GetDirectoryName(Path.GetDirectoryName(root))!;

        Write(root, "test-results/test-summary.json", "{\"status\":\"passed\"}");
        Write(root, "test-results/logs/build.log", "Build succeeded.\n");
        Write(root, "test-results/e2e/screenshot.png", Png);
        Write(root, "review/review-summary.md", "# Review\nScore: 91\n");
        Write(root, "deploy/preview.yaml", "port: 9001\n");
        Write(root, "workspace/src/Program.cs", "// the Tester's build folder\n");
        Write(dataRoot, "secret.txt", Secret);
        Write(artifacts.RootFor(Guid.NewGuid()), "test-results/test-summary.json", Secret);
        Directory.CreateSymbolicLink(Path.Combine(root, "outside"), dataRoot);
        File.CreateSymbolicLink(Path.Combine(root, "passwd.txt"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(root, "latest-summary.json"), Path.Combine(root, "test-results", "test-summary.json"));
        return new Artifacts(api, client, taskId, root);
    }

    static void Write(string root, string path, object content)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (content is byte[] bytes) File.WriteAllBytes(full, bytes);
        else File.WriteAllText(full, (string)content);
    }

    [Fact]
    public async Task Without_a_path_the_task_artifact_files_are_listed_without_the_workspace_or_links()
    {
        await using var artifacts = await StartAsync();

        var listing = JsonNode.Parse(await artifacts.Client.GetStringAsync(artifacts.Route(), Ct))!;
        var withSlash = JsonNode.Parse(await artifacts.Client.GetStringAsync(artifacts.Route("/"), Ct))!;

        Assert.Equal(artifacts.TaskId.ToString(), (string?)listing["task_id"]);
        var files = listing["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => f!);
        Assert.Equal(["deploy/preview.yaml", "review/review-summary.md", "test-results/e2e/screenshot.png", "test-results/logs/build.log", "test-results/test-summary.json"],
            files.Keys);
        Assert.Equal(("image/png", 12L), ((string?)files["test-results/e2e/screenshot.png"]["content_type"], (long)files["test-results/e2e/screenshot.png"]["size"]!));
        Assert.Equal(artifacts.Route("/test-results/test-summary.json"), (string?)files["test-results/test-summary.json"]["url"]);
        Assert.Equal(listing.ToJsonString(), withSlash.ToJsonString());
    }

    [Theory]
    [InlineData("test-results/test-summary.json", "application/json")]
    [InlineData("test-results/logs/build.log", "text/plain")]
    [InlineData("test-results/e2e/screenshot.png", "image/png")]
    [InlineData("review/review-summary.md", "text/markdown")]
    [InlineData("deploy/preview.yaml", "application/yaml")]
    [InlineData("latest-summary.json", "application/json")]
    public async Task A_file_is_served_byte_for_byte_with_the_content_type_of_its_extension(string path, string contentType)
    {
        await using var artifacts = await StartAsync();

        var response = await artifacts.Client.GetAsync(artifacts.Route($"/{path}"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(artifacts.Root, path), Ct), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("..%2F..%2Fsecret.txt", "leaves the task's artifacts")]
    [InlineData("test-results%2F..%2F..%2F..%2Fsecret.txt", "leaves the task's artifacts")]
    [InlineData("..%5C..%5Csecret.txt", "leaves the task's artifacts")]
    [InlineData("%2Fetc%2Fpasswd", "absolute")]
    [InlineData("%5Cetc%5Cpasswd", "absolute")]
    [InlineData("test-summary.json%2500.png", "NUL")] // a raw %00 never gets past the server; decoded once more, it reaches the check
    [InlineData("outside/secret.txt", "link that leads out")]
    [InlineData("passwd.txt", "link that leads out")]
    [InlineData("workspace/src/Program.cs", "workspace is a build folder")]
    public async Task A_path_that_leaves_the_task_artifacts_is_a_400_problem_and_serves_nothing(string path, string detail)
    {
        await using var artifacts = await StartAsync();

        var response = await artifacts.Client.GetAsync(artifacts.Route($"/{path}"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string?)JsonNode.Parse(body)!["detail"]);
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task Dot_segments_in_the_url_never_reach_a_file_outside()
    {
        await using var artifacts = await StartAsync();

        foreach (var path in new[] { "/%2E%2E/%2E%2E/secret.txt", "/../../secret.txt", "/.%2E/.%2E/secret.txt" })
        {
            var response = await artifacts.Client.GetAsync(artifacts.Route(path), Ct);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task An_unknown_task_a_missing_file_and_an_id_that_is_no_guid_are_a_404_problem()
    {
        await using var artifacts = await StartAsync();
        var unknown = Guid.NewGuid();

        foreach (var (route, detail) in new[]
        {
            ($"/api/tasks/{unknown}/artifacts", $"There is no task with id {unknown}"),
            ($"/api/tasks/{unknown}/artifacts/test-results/test-summary.json", $"There is no task with id {unknown}"),
            (artifacts.Route("/test-results/missing.json"), "has no artifact 'test-results/missing.json'"),
            (artifacts.Route("/test-results"), "has no artifact 'test-results'"), // a folder is listed, not served
            ("/api/tasks/not-a-guid/artifacts/test-results/test-summary.json", null),
        })
        {
            var response = await artifacts.Client.GetAsync(route, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (detail is not null) Assert.Contains(detail, (string?)JsonNode.Parse(body)!["detail"]);
        }
    }
}
