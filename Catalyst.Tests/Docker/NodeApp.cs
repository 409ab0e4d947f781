namespace Catalyst.Tests.Docker;

/// <summary>
/// The smallest app a preview or the sandbox can run: node's own http module, /health, / that counts visits in
/// DATA_DIR, and a line on stdout when it listens. Run with the host's node mounted into the base image.
/// </summary>
static class NodeApp
{
    public const string Node = "/usr/bin/node";
    public const string ListeningLine = "node-app listening";

    public static void WriteTo(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        File.WriteAllText(Path.Combine(folder, "src", "server.js"), $$"""
            const http = require('http');
            const fs = require('fs');
            const path = require('path');
            const port = Number(process.env.PORT || 8080);
            http.createServer((request, response) => {
              if (request.url === '/health') return response.end('ok');
              fs.appendFileSync(path.join(process.env.DATA_DIR || '.', 'visits.txt'), 'visit\n');
              response.end('hello from node');
            }).listen(port, process.env.HOST || '127.0.0.1', () => console.log('{{ListeningLine}} on ' + port));
            """);
    }

    /// <summary>
    /// Polls /health until it answers: an app in a container gives no other sign of being ready. Bounded at 60 s.
    /// </summary>
    public static async Task<string> WaitForHealthAsync(int port, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var response = await http.GetAsync($"http://127.0.0.1:{port}/health", ct);
                if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync(ct);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Nothing answered on 127.0.0.1:{port}/health within 60 s.");
            await Task.Delay(100, ct);
        }
    }
}
