using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Catalyst.Core.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Catalyst.Agents.Tester.Forwarding;

/// <summary>
/// A TCP forwarder in Catalyst's own process. The listening socket is the host's; each socket towards the app is
/// created on a short-lived thread that first joins the sandbox's network namespace (setns: a network namespace
/// is per thread, and a socket stays in the namespace it was created in). No helper runs inside the sandbox,
/// and nothing inside it can open a socket to the host.
/// </summary>
public sealed partial class NamespacePortForwarder(ILogger<NamespacePortForwarder> logger) : IPortForwarder
{
    const int CloneNewNet = 0x40000000;

    public IAsyncDisposable Forward(int port, int sandboxPid)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new Forwarding(listener, port, sandboxPid, logger);
    }

    sealed class Forwarding : IAsyncDisposable
    {
        readonly Socket listener;
        readonly int port;
        readonly int sandboxPid;
        readonly ILogger logger;
        readonly CancellationTokenSource stopping = new();
        readonly Task accepting;
        readonly Task watching;
        SafeFileHandle? netns;

        public Forwarding(Socket listener, int port, int sandboxPid, ILogger logger)
        {
            (this.listener, this.port, this.sandboxPid, this.logger) = (listener, port, sandboxPid, logger);
            accepting = AcceptAsync(stopping.Token);
            watching = StopWhenGoneAsync(ProcessTable.StartTimeOf(sandboxPid), stopping.Token);
        }

        /// <summary>
        /// Gives the port up once the sandbox has gone, whoever stopped it: another Catalyst process may stop a
        /// preview this one forwards, and the port must be free for the next lease.
        /// </summary>
        async Task StopWhenGoneAsync(long? started, CancellationToken ct)
        {
            try
            {
                while (ProcessTable.StartTimeOf(sandboxPid) == started && started is not null) await Task.Delay(TimeSpan.FromSeconds(1), ct);
                listener.Dispose();
            }
            catch (OperationCanceledException) { }
        }

        async Task AcceptAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                Socket client;
                try { client = await listener.AcceptAsync(ct); }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
                _ = ForwardAsync(client, ct);
            }
        }

        async Task ForwardAsync(Socket client, CancellationToken ct)
        {
            using var _ = client;
            try
            {
                using var app = await SocketInSandboxAsync();
                await app.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
                await using var toClient = new NetworkStream(client, ownsSocket: false);
                await using var toApp = new NetworkStream(app, ownsSocket: false);
                await Task.WhenAll(PumpAsync(toClient, app, ct), PumpAsync(toApp, client, ct));
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The app is not listening yet, or has gone: the client sees its connection closed, as with no app.
                LogNotForwarded(logger, port, e.Message);
            }
        }

        /// <summary>Copies one direction, then half-closes the other side so the peer sees the end of the stream.</summary>
        static async Task PumpAsync(Stream from, Socket to, CancellationToken ct)
        {
            await using var into = new NetworkStream(to, ownsSocket: false);
            try { await from.CopyToAsync(into, ct); }
            finally { try { to.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { } }
        }

        /// <summary>A TCP socket created inside the sandbox's network namespace.</summary>
        Task<Socket> SocketInSandboxAsync()
        {
            var handle = netns ??= OpenNamespace();
            var created = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
            // A thread of its own that ends right after: the namespace it joined never leaks to other work.
            var thread = new Thread(() =>
            {
                try
                {
                    if (SetNs(handle, CloneNewNet) != 0)
                        throw new InvalidOperationException($"setns into the sandbox's network namespace failed (errno {Marshal.GetLastPInvokeError()}).");
                    created.SetResult(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                }
                catch (Exception e) { created.SetException(e); }
            }) { IsBackground = true, Name = "sandbox-netns" };
            thread.Start();
            return created.Task;
        }

        /// <summary>The namespace of the first process below the sandbox's outermost one that has left ours (bwrap's inner init).</summary>
        SafeFileHandle OpenNamespace()
        {
            var ours = ProcessTable.NetworkNamespaceOf(Environment.ProcessId);
            foreach (var pid in ProcessTable.DescendantsOf(sandboxPid).Prepend(sandboxPid))
                if (ProcessTable.NetworkNamespaceOf(pid) is { } theirs && theirs != ours)
                    return File.OpenHandle($"/proc/{pid}/ns/net");
            throw new InvalidOperationException($"The sandbox {sandboxPid} has no network namespace of its own (yet).");
        }

        public async ValueTask DisposeAsync()
        {
            await stopping.CancelAsync();
            listener.Dispose();
            try { await accepting; } catch (OperationCanceledException) { }
            await watching;
            netns?.Dispose();
            stopping.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A connection to port {Port} was not forwarded into the sandbox: {Reason}")]
    static partial void LogNotForwarded(ILogger logger, int port, string reason);

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    static extern int SetNs(SafeFileHandle fd, int nstype);
}
