using System.Runtime.Versioning;
using Catalyst.Core.Networking;

namespace Catalyst.Core.Persistence.Embedded;

/// <summary>
/// Where embedded mode's PostgreSQL will listen, fixed while services are registered. Aspire's client integration
/// reads <c>ConnectionStrings:catalystdb</c> at that moment, before any server runs, so the port and password
/// are settled first and <see cref="EmbeddedPostgresService"/> then starts the cluster on exactly that port.
/// A server left running by an earlier process keeps its port.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed record EmbeddedPostgresEndpoint(string BaseDirectory, int Port, string ConnectionString)
{
    public static EmbeddedPostgresEndpoint Reserve(string baseDirectory, string database)
    {
        baseDirectory = Path.GetFullPath(baseDirectory);
        var password = PostgresCluster.EnsurePassword(baseDirectory);
        var port = RunningServerPort(baseDirectory) ?? LoopbackPort.Free();
        return new(baseDirectory, port, PostgresCluster.ConnectionString(port, password, database));
    }

    static int? RunningServerPort(string baseDirectory) =>
        PostgresCluster.IsServerAliveIn(baseDirectory) ? PostgresCluster.RunningPort(baseDirectory) : null;
}
