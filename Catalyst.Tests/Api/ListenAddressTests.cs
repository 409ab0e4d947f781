using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Api;

/// <summary>
/// Ports follow the host: the real Api process listens where --urls, ASPNETCORE_URLS (what the AppHost sets) or
/// HTTP_PORTS (what container images set) say, and on http://localhost:5080 only when nothing says.
/// </summary>
public sealed class ListenAddressTests(PostgresServerFixture postgres)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<Dictionary<string, string?>> SettingsAsync(TestDirectory dataRoot) => new()
    {
        ["Catalyst__DataRoot"] = dataRoot.Path,
        ["ConnectionStrings__catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
    };

    [Fact]
    public async Task ASPNETCORE_URLS_decides_where_the_Api_listens()
    {
        using var dataRoot = new TestDirectory("urls-env");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = await SettingsAsync(dataRoot);
        environment["ASPNETCORE_URLS"] = url;

        await using var api = HostProcess.ApiListeningAsConfigured(environment);

        await api.WaitUntilHealthyAsync(new Uri(url), Patience, Ct);
        Assert.Contains($"Now listening on: {url}", api.Output);
        Assert.DoesNotContain(":5080", api.Output);
    }

    [Fact]
    public async Task HTTP_PORTS_decides_where_the_Api_listens()
    {
        using var dataRoot = new TestDirectory("urls-ports");
        var port = FreePort.Next();
        var environment = await SettingsAsync(dataRoot);
        environment["HTTP_PORTS"] = port.ToString();
        // HTTP_PORTS listens on every interface, which the Api allows only with an API key.
        environment["Catalyst__ApiKey"] = "listen-address-test-key";

        await using var api = HostProcess.ApiListeningAsConfigured(environment);

        await api.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"), Patience, Ct);
        Assert.Contains($"Now listening on: http://[::]:{port}", api.Output);
        Assert.DoesNotContain(":5080", api.Output);
    }

    [Fact]
    public async Task The_urls_switch_decides_where_the_Api_listens_over_the_environment()
    {
        using var dataRoot = new TestDirectory("urls-arg");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var overridden = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = await SettingsAsync(dataRoot);
        environment["ASPNETCORE_URLS"] = overridden;

        await using var api = HostProcess.ApiListeningAsConfigured(environment, "--urls", url);

        await api.WaitUntilHealthyAsync(new Uri(url), Patience, Ct);
        Assert.Contains($"Now listening on: {url}", api.Output);
        Assert.DoesNotContain(overridden, api.Output);
    }

    [Fact]
    public async Task With_nothing_configured_the_Api_listens_on_localhost_5080()
    {
        using var dataRoot = new TestDirectory("urls-default");
        await using var api = HostProcess.ApiListeningAsConfigured(await SettingsAsync(dataRoot));

        // 5080 may be taken on a shared machine (a Catalyst someone runs); then the Api fails to bind to it, which
        // shows the same thing: 5080 is where it tried to listen.
        var listening = await api.WaitForOutputAsync("Now listening on: http://localhost:5080", Patience, Ct);
        if (!listening)
        {
            Assert.True(api.HasExited, $"The Api neither listened on 5080 nor stopped:\n{api.Output}");
            Assert.Matches(@"Failed to bind to address http://(127\.0\.0\.1|\[::1\]|localhost):5080", api.Output);
            TestContext.Current.SendDiagnosticMessage("Port 5080 was busy: checked the address the Api tried to bind instead.");
            return;
        }
        await api.WaitUntilHealthyAsync(new Uri("http://localhost:5080"), Patience, Ct);
    }
}
