using Catalyst.Agents.Deployer;

namespace Catalyst.Tests.Previews;

/// <summary>
/// A small app that honours the generated-app contract (PORT, HOST, DATA_DIR, GET /health) in a few lines of
/// node, for tests of the preview machinery that do not need a generated app. Its behaviour is its argument:
/// healthy, crashing at start, or running with a failing /health.
/// </summary>
public static class TinyApp
{
    public const string Healthy = "healthy", Crashes = "crashes", Sick = "sick";

    public static PreviewApp Write(string directory, string behaviour = Healthy)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "server.js"), """
            'use strict';
            const http = require('http');
            const behaviour = process.argv[2];
            console.log('tiny app starting (' + behaviour + ')');
            if (behaviour === 'crashes') {
              console.error('Error: could not open the data file ' + process.env.DATA_DIR + '/missing.json');
              process.exit(3);
            }
            http.createServer((req, res) => {
              if (req.url === '/health') {
                res.writeHead(behaviour === 'sick' ? 500 : 200, { 'content-type': 'application/json' });
                return res.end(JSON.stringify({ status: behaviour === 'sick' ? 'unhealthy' : 'healthy' }));
              }
              res.writeHead(200, { 'content-type': 'text/html' });
              res.end('<h1>tiny app on ' + process.env.PORT + '</h1>');
            }).listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
            """);
        return new PreviewApp("node", directory, "node", ["server.js", behaviour]);
    }
}
