using System.Net;
using System.Net.Sockets;

namespace Catalyst.Tests.Previews;

/// <summary>
/// An HTTP client that reaches *.localhost names on loopback, as browsers and curl do, whatever the machine's
/// resolver says about them: a clean preview URL is then requested exactly as a user opens it.
/// </summary>
public static class LoopbackNames
{
    public static HttpClient Client() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var address = host == "localhost" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                ? IPAddress.Loopback
                : (await Dns.GetHostAddressesAsync(host, ct))[0];
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = TimeSpan.FromSeconds(10) };
}
