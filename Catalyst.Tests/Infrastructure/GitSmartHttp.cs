using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// git's smart HTTP protocol in a Kestrel handler: each request runs `git http-backend` as a CGI program over
/// the repositories under <see cref="Root"/>, request body in, CGI response out. Requests need HTTP Basic
/// credentials whose password is <see cref="Password"/>; anything else gets the 401 challenge a client must answer.
/// Without a password, fetches are open to anyone (a public repository) and pushes are refused.
/// </summary>
public sealed class GitSmartHttp(string root, string? password)
{
    public string Root => root;
    public string? Password => password;

    public async Task ServeAsync(HttpContext http, string pathInfo)
    {
        var user = "";
        if (password is null ? pathInfo.EndsWith("git-receive-pack", StringComparison.Ordinal) || http.Request.Query["service"] == "git-receive-pack"
                : !Authorised(http.Request, out user))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"stub\"";
            return;
        }
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var request = http.Request;
        start.Environment["GIT_PROJECT_ROOT"] = root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = root;
        start.Environment["GATEWAY_INTERFACE"] = "CGI/1.1";
        start.Environment["PATH_INFO"] = pathInfo;
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        if (user.Length > 0) start.Environment["REMOTE_USER"] = user; // lets http-backend run receive-pack
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.ContentLength is { } length) start.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Headers.ContentEncoding.Count > 0) start.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        if (request.Headers["Git-Protocol"].Count > 0) start.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString();

        using var git = Process.Start(start)!;
        var ct = http.RequestAborted;
        var input = Task.Run(async () =>
        {
            await request.Body.CopyToAsync(git.StandardInput.BaseStream, ct);
            git.StandardInput.Close();
        }, ct);
        var errors = git.StandardError.ReadToEndAsync(ct);
        var output = git.StandardOutput.BaseStream;
        foreach (var (name, value) in await ReadHeadersAsync(output, ct))
        {
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase)) http.Response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            else http.Response.Headers.Append(name, value);
        }
        await output.CopyToAsync(http.Response.Body, ct);
        await input;
        await git.WaitForExitAsync(ct);
        if (git.ExitCode != 0) throw new InvalidOperationException($"git http-backend exited {git.ExitCode}: {await errors}");
    }

    bool Authorised(HttpRequest request, out string user)
    {
        user = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        user = pair[0];
        return pair.Length == 2 && pair[1] == password;
    }

    /// <summary>The CGI header lines, up to the empty line; the stream is left at the first byte of the body.</summary>
    static async Task<List<(string Name, string Value)>> ReadHeadersAsync(Stream output, CancellationToken ct)
    {
        var headers = new List<(string, string)>();
        var line = new List<byte>();
        var one = new byte[1];
        while (await output.ReadAsync(one, ct) == 1)
        {
            if (one[0] != '\n') { line.Add(one[0]); continue; }
            var text = Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
            line.Clear();
            if (text.Length == 0) break;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            headers.Add((text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }
        return headers;
    }
}
