using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Core.Processes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Embedded;

/// <summary>The product as a newcomer runs it: the real Api process, no connection string, an empty data root.</summary>
public sealed class EmbeddedModeTests(PostgresServerFixture postgres)
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_configuration_the_Api_starts_its_own_database_and_keeps_tasks_across_restarts()
    {
        if (PostgresBinaries.Find() is null) RequiredServer.Unavailable("PostgreSQL", "initdb/pg_ctl were not found.");
        using var dataRoot = new TestDirectory("embedded");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = new Dictionary<string, string?> { ["Catalyst__DataRoot"] = dataRoot.Path };
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        string taskId;
        await using (var api = HostProcess.Api(url, environment))
        {
            var startup = await api.WaitUntilHealthyAsync(http.BaseAddress, TimeSpan.FromSeconds(60), Ct);
            TestContext.Current.SendDiagnosticMessage($"Embedded Api healthy after {startup.TotalSeconds:0.0} s (first start, new cluster)");

            var created = await http.PostAsJsonAsync("/api/tasks", new { prompt = "a recipe book" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            taskId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["task_id"]!;
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/tasks/{taskId}", Ct)).StatusCode);
            // The UI's stylesheet comes from the Catalyst.Web library, its components' from MudBlazor and the circuit's
            // script from the framework, outside Development too.
            foreach (var asset in new[] { "/_content/Catalyst.Web/catalyst.css", "/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js", "/_framework/blazor.web.js" })
                Assert.True((await http.GetAsync(asset, Ct)).StatusCode == HttpStatusCode.OK, $"{asset} is not served");

            await api.StopAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, api.ExitCode);
            Assert.Contains("PostgreSQL stopped", api.Output);
        }
        Assert.False(File.Exists(Path.Combine(dataRoot.Path, "postgres", "data", "postmaster.pid")), "the database server outlived the Api");

        await using (var api = HostProcess.Api(url, environment))
        {
            await api.WaitUntilHealthyAsync(http.BaseAddress, TimeSpan.FromSeconds(60), Ct);
            var task = JsonNode.Parse(await http.GetStringAsync($"/api/tasks/{taskId}", Ct))!;
            Assert.Equal("a recipe book", (string?)task["prompt"]);
            Assert.DoesNotContain("Creating a PostgreSQL cluster", api.Output);
        }
    }

    [Fact]
    public async Task As_a_normal_user_the_Api_runs_its_own_database_without_switching_users()
    {
        // Run as root, the test plays the normal user with the unprivileged 'postgres' account; run as a normal
        // user, the test above already is this case.
        if (!Environment.IsPrivilegedProcess) Assert.Skip("Already running as a normal user: covered by the embedded-mode test above.");
        if (PostgresBinaries.Find() is null) RequiredServer.Unavailable("PostgreSQL", "initdb/pg_ctl were not found.");
        using var home = new TestDirectory("user");
        // A copy of the build the user can surely read (the checkout may sit under root's home).
        var app = Path.Combine(home.Path, "app");
        var build = Path.GetDirectoryName(HostProcess.AssemblyPath("Catalyst.Api"))!;
        var copy = new ProcessSpec("cp", ["-r", build, app]);
        (await new ProcessRunner().RunAsync(copy, Ct)).EnsureSuccess(copy);
        var chown = new ProcessSpec("chown", ["-R", "postgres:", home.Path]);
        (await new ProcessRunner().RunAsync(chown, Ct)).EnsureSuccess(chown);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        await using var api = HostProcess.Api(url, new Dictionary<string, string?>
        {
            ["HOME"] = home.Path,
            ["DOTNET_CLI_HOME"] = home.Path,
            ["Catalyst__DataRoot"] = Path.Combine(home.Path, "catalyst"),
        }, runAsUser: "postgres", dll: Path.Combine(app, "Catalyst.Api.dll"));
        await api.WaitUntilHealthyAsync(http.BaseAddress, TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/tasks", new { prompt = "a counter" }, Ct)).StatusCode);
        Assert.Contains("Creating a PostgreSQL cluster", api.Output);
        Assert.DoesNotContain("Granted other users traversal", api.Output);
    }

    [Fact]
    public async Task Without_PostgreSQL_binaries_the_Api_says_what_to_install()
    {
        using var dataRoot = new TestDirectory("nobin");
        using var empty = new TestDirectory("nopg");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = HostProcess.Api(url, new Dictionary<string, string?>
        {
            ["Catalyst__DataRoot"] = dataRoot.Path,
            ["Catalyst__Postgres__BinDirectory"] = empty.Path,
        });

        await api.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, api.ExitCode);
        Assert.Contains("PostgreSQL server binaries (initdb, pg_ctl) were not found", api.Output);
        Assert.Contains("ConnectionStrings:catalystdb", api.Output);
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_an_api_key_is_refused()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        using var dataRoot = new TestDirectory("exposed");
        await using var api = HostProcess.Api($"http://0.0.0.0:{FreePort.Next()}", new Dictionary<string, string?>
        {
            ["Catalyst__DataRoot"] = dataRoot.Path,
            ["ConnectionStrings__catalystdb"] = connectionString,
        });

        await api.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, api.ExitCode);
        Assert.Contains("Refusing to serve", api.Output);
        Assert.Contains("Catalyst:ApiKey", api.Output);
    }
}
