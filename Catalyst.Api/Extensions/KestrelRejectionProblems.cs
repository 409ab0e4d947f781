using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Catalyst.Api.Extensions;

/// <summary>
/// Kestrel answers a request it cannot parse (a NUL in the path, <c>%00</c>; a malformed request line or header)
/// itself, before any middleware runs, with an empty 400, and offers no hook for its body (dotnet/aspnetcore#4726).
/// A connection middleware watches what Kestrel writes: Kestrel's own rejection (a 400 with "Content-Length: 0"
/// and "Connection: close", which the Api's pipeline never sends, since it gives every error a body) gets a
/// problem+json body. Anything else passes through untouched.
/// </summary>
public static class KestrelRejectionProblems
{
    static readonly byte[] Rejection = "HTTP/1.1 400 Bad Request\r\n"u8.ToArray();

    const string Problem = "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.1\",\"title\":\"Bad request\",\"status\":400," +
        "\"detail\":\"The request could not be read: its address or a header is malformed (a NUL character, %00, in the path is one cause). Nothing was done.\"}";

    public static void AddProblemBodiesToKestrelRejections(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
        {
            connection.Transport = new WatchedPipe(connection.Transport);
            return next(connection);
        })));

    /// <summary>The rejection with a body, or null when <paramref name="written"/> is not Kestrel's empty 400.</summary>
    internal static byte[]? WithBody(ReadOnlySpan<byte> written)
    {
        if (!written.StartsWith(Rejection) || !written.EndsWith("\r\n\r\n"u8)) return null;
        var head = Encoding.ASCII.GetString(written);
        if (!head.Contains("\r\nContent-Length: 0\r\n", StringComparison.OrdinalIgnoreCase) || !head.Contains("\r\nConnection: close\r\n", StringComparison.OrdinalIgnoreCase))
            return null;
        var body = Encoding.UTF8.GetBytes(Problem);
        var headers = head[..^2].Replace("Content-Length: 0\r\n", $"Content-Type: application/problem+json\r\nContent-Length: {body.Length}\r\n", StringComparison.OrdinalIgnoreCase);
        return [.. Encoding.ASCII.GetBytes(headers + "\r\n"), .. body];
    }

    sealed class WatchedPipe(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;
        public PipeWriter Output { get; } = new WatchedWriter(inner.Output);
    }

    // Kestrel writes a response's head into memory it asks for and then commits it with Advance; the head is
    // looked at there, before it is committed. A head that comes in pieces is left as it is.
    sealed class WatchedWriter(PipeWriter inner) : PipeWriter
    {
        Memory<byte> lent;

        public override Memory<byte> GetMemory(int sizeHint = 0) => lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            var written = bytes <= lent.Length ? lent.Span[..bytes] : default;
            if (bytes >= Rejection.Length && written.Length == bytes && WithBody(written) is { } answer)
            {
                inner.Advance(0);
                inner.Write(answer);
                return;
            }
            inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
        public override void CancelPendingFlush() => inner.CancelPendingFlush();
        public override void Complete(Exception? exception = null) => inner.Complete(exception);
        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
