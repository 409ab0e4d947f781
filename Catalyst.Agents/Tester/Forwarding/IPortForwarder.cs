namespace Catalyst.Agents.Tester.Forwarding;

/// <summary>
/// Makes an app that listens on 127.0.0.1:port inside a sandbox's own network namespace reachable on
/// 127.0.0.1:port of the host. The sandbox itself still reaches nothing outside its namespace.
/// </summary>
public interface IPortForwarder
{
    /// <summary>
    /// Listens on the host's 127.0.0.1:<paramref name="port"/> at once and, per connection, connects to the same
    /// port in the network namespace of the sandbox whose outermost process is <paramref name="sandboxPid"/>.
    /// Disposing stops listening and closes every forwarded connection.
    /// </summary>
    IAsyncDisposable Forward(int port, int sandboxPid);
}
