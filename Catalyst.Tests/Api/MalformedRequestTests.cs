using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Catalyst.Tests.Infrastructure;

namespace Catalyst.Tests.Api;

/// <summary>
/// Requests Kestrel refuses before the Api's pipeline sees them still get a problem+json body: the real Api
/// process, on a real socket, since the in-process test server does not parse request lines.
/// </summary>
public sealed class MalformedRequestTests(PostgresServerFixture postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/tasks/%00")]
    [InlineData("/%00")]
    public async Task A_NUL_in_the_path_is_a_400_problem_with_a_detail(string path)
    {
        using var dataRoot = new TestDirectory("malformed");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var api = HostProcess.Api(url.ToString().TrimEnd('/'), new Dictionary<string, string?>
        {
            ["ConnectionStrings__catalystdb"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Catalyst__DataRoot"] = dataRoot.Path,
        });
        await api.WaitUntilHealthyAsync(url, TimeSpan.FromSeconds(90), Ct);

        // Raw bytes: an HTTP client may tidy the path before sending it.
        using var socket = new TcpClient();
        await socket.ConnectAsync(url.Host, url.Port, Ct);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {url.Authority}\r\n\r\n"), Ct);
        var answer = await new StreamReader(stream).ReadToEndAsync(Ct); // Kestrel closes the connection after it

        var (head, body) = (answer[..answer.IndexOf("\r\n\r\n")], answer[(answer.IndexOf("\r\n\r\n") + 4)..]);
        Assert.StartsWith("HTTP/1.1 400", head);
        Assert.Contains("Content-Type: application/problem+json", head);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", head);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(400, (int?)problem["status"]);
        Assert.Contains("%00", (string?)problem["detail"]);

        // The connection after it, and ordinary requests, are untouched.
        using var http = new HttpClient { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/tasks", Ct)).StatusCode);
    }
}
