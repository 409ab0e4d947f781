using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Catalyst.Core.Persistence.Embedded;
using Catalyst.Tests.Infrastructure;
using Catalyst.Tests.Previews;

namespace Catalyst.Tests.Embedded;

/// <summary>
/// A PostgreSQL crash under a busy Api is told in a few lines, one per kind of failure, without stack traces:
/// the real Api process, its embedded server killed while a task runs and requests keep arriving.
/// </summary>
public sealed class DatabaseOutageLoggingTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_PostgreSQL_is_logged_in_a_few_lines_without_stack_traces_while_the_Api_answers_503()
    {
        if (PostgresBinaries.Find() is null) RequiredServer.Unavailable("PostgreSQL", "initdb/pg_ctl were not found.");
        using var dataRoot = new TestDirectory("outage-log");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            ["Catalyst__DataRoot"] = dataRoot.Path,
            ["Catalyst__Preview__StopOnShutdown"] = "true",
            // A slow watch leaves the outage unseen for a while: requests and background work meet the dead server.
            ["Catalyst__Postgres__WatchInterval"] = "00:00:03",
        };
        foreach (var (key, value) in PreviewPorts.Settings("Catalyst__Preview__")) environment[key] = value;
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        await using var api = HostProcess.Api(url.ToString().TrimEnd('/'), environment);
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/tasks", new { prompt = $"a todo app number {i}" }, Ct)).StatusCode);

        var before = api.Output.Length;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataRoot.Path, "postgres", "data", "postmaster.pid")).First());
        using (var server = Process.GetProcessById(postmaster)) server.Kill();
        // Callers keep coming while it is down: each meets the outage, none may add an error line.
        var clock = Stopwatch.StartNew();
        var answered = new Dictionary<HttpStatusCode, int>();
        while (!api.Output[before..].Contains("is back after") && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var path in new[] { "/api/tasks", "/health", "/api/conversations" })
            {
                var status = (await http.GetAsync(path, Ct)).StatusCode;
                answered[status] = answered.GetValueOrDefault(status) + 1;
            }
        }
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(30), Ct);

        var logged = api.Output[before..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var stackLines = logged.Count(l => Regex.IsMatch(l, @"^\s+at \S+\(|^\s+--- End of") );
        var messages = logged.Where(l => Regex.IsMatch(l, @"^(fail|warn|crit|info|dbug|trce): ")).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Outage of {clock.Elapsed.TotalSeconds:0.0} s: {logged.Length} lines, {stackLines} stack lines; answered {string.Join(", ", answered.Select(a => $"{(int)a.Key}×{a.Value}"))}\n{string.Join('\n', logged)}");
        Assert.Contains(HttpStatusCode.ServiceUnavailable, answered.Keys);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, answered.Keys);
        Assert.True(stackLines == 0, $"{stackLines} stack trace lines were logged during the outage:\n{string.Join('\n', logged.Take(120))}");
        Assert.True(messages.Count <= 10, $"{messages.Count} log entries for one outage:\n{string.Join('\n', messages)}");
    }
}
