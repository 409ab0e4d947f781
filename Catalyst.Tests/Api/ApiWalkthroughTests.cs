using System.Text;
using System.Text.RegularExpressions;
using Catalyst.Core.Processes;
using Catalyst.Tests.AppHost;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Api;

/// <summary>
/// docs/api.md is a script: its bash blocks, in order, run against a fresh Catalyst with the real agents. What
/// the page promises (a build watched live, a resumed stream, a preview, a follow-up, the code and the reports)
/// is what this test sees.
/// </summary>
public sealed partial class ApiWalkthroughTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_curl_walkthrough_in_docs_api_md_runs_as_written()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(ServiceConnectionNames.RepositoryRoot, "docs", "api.md"), Ct);
        var blocks = BashBlock().Matches(page).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= 6, $"docs/api.md has {blocks.Count} bash blocks");
        using var work = new TestDirectory("walk");
        var script = Path.Combine(work.Path, "walkthrough.sh");
        await File.WriteAllTextAsync(script, "set -euo pipefail\n" + string.Join("\n", blocks), Ct);

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst__DataRoot"] = Path.Combine(work.Path, "data"),
            ["Catalyst__Preview__StopOnShutdown"] = "true",
        };
        foreach (var (key, value) in Previews.PreviewPorts.Settings("Catalyst__Preview__")) environment[key] = value;
        await using var api = HostProcess.Api(url, environment);
        await api.WaitUntilHealthyAsync(new Uri(url), TimeSpan.FromSeconds(90), Ct);

        var run = await new ProcessRunner().RunAsync(new ProcessSpec("bash", [script])
        {
            Environment = new Dictionary<string, string?> { ["CATALYST"] = url },
            Timeout = TimeSpan.FromMinutes(25),
        }, Ct);
        var output = run.StandardOutput;
        var report = $"exit {run.ExitCode}\n--- output\n{output}\n--- errors\n{run.StandardError}\n--- api\n{Tail(api.Output)}";

        Assert.True(run.ExitCode == 0, report);
        Assert.Contains("[coder] ", output);                                   // the build, watched line by line
        Assert.Matches(@"\d+ task_complete", output);                          // the resumed stream reached the end
        Assert.Contains("the preview answers 200", output);
        Assert.Contains("the follow-up ended completed", output);
        Assert.Matches(@"(?m)^\S*Todo\S* \+\d+ -\d+$", output);                // the follow-up's diff touches the todo
        Assert.Contains("\"overall_status\": \"passed\"", output);
    }

    static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    [GeneratedRegex(@"```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
