using System.Net.Sockets;
using Npgsql;

namespace Catalyst.Core.Persistence;

/// <summary>
/// Whether a failure means the database server is not there (refused or dropped connections, a server shutting
/// down, starting up or recovering), as opposed to a failure of the work itself. Work that failed for this reason
/// is waited out and done again, never counted against its retries or reported as an error per request.
/// </summary>
public static class DatabaseOutage
{
    // 08: connection exceptions. 57P01-57P03: administrator or crash shutdown, cannot connect now (starting, recovering).
    static readonly string[] ServerGoneStates = ["08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03"];

    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return ServerGoneStates.Contains(postgres.SqlState);
                case NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }
        return false;
    }
}
