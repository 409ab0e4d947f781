using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalyst.Agents.Deployer;

/// <summary>
/// The preview port pool, leased in PostgreSQL so that concurrent deployments, replicas and restarts never
/// hand out one port twice. A lease belongs to a task: leasing again for the same task returns its port.
/// </summary>
public sealed class PortLeases(IServiceProvider services, IOptions<PreviewOptions> options)
{
    // Resolved on first use: the agents are constructed before the embedded database has started.
    NpgsqlDataSource DataSource => field ??= services.GetRequiredService<NpgsqlDataSource>();

    const string LockKey = "catalyst.preview_ports";

    /// <summary>
    /// The task's port: its existing lease, or the lowest pool port that is neither leased nor in use on this
    /// machine. Stop the task's earlier preview first: a port its own old app still holds counts as in use.
    /// </summary>
    public async Task<int> LeaseAsync(Guid taskId, CancellationToken ct)
    {
        var skip = new List<int>();
        while (true)
        {
            var port = await LeaseFreeInDatabaseAsync(taskId, skip, ct);
            // Another program may hold a pool port; try the next rather than fail the deployment later.
            if (IsFreeOnLoopback(port)) return port;
            skip.Add(port);
            await ReleaseAsync(taskId, ct);
        }
    }

    public async Task<int?> PortOfAsync(Guid taskId, CancellationToken ct)
    {
        await using var cmd = DataSource.CreateCommand("SELECT port FROM preview_port_leases WHERE task_id = $1");
        cmd.Parameters.Add(new() { Value = taskId });
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    public async Task ReleaseAsync(Guid taskId, CancellationToken ct)
    {
        await using var cmd = DataSource.CreateCommand("DELETE FROM preview_port_leases WHERE task_id = $1");
        cmd.Parameters.Add(new() { Value = taskId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    async Task<int> LeaseFreeInDatabaseAsync(Guid taskId, IReadOnlyList<int> skip, CancellationToken ct)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockPool = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, tx))
        {
            lockPool.Parameters.Add(new() { Value = LockKey });
            await lockPool.ExecuteNonQueryAsync(ct);
        }
        await using var lease = new NpgsqlCommand("""
            WITH existing AS (SELECT port FROM preview_port_leases WHERE task_id = $1),
            chosen AS (
                SELECT p AS port FROM generate_series($2::int, $3::int) AS p
                WHERE NOT EXISTS (SELECT 1 FROM existing)
                  AND p <> ALL($4::int[])
                  AND NOT EXISTS (SELECT 1 FROM preview_port_leases l WHERE l.port = p)
                ORDER BY p LIMIT 1),
            inserted AS (INSERT INTO preview_port_leases (port, task_id) SELECT port, $1 FROM chosen RETURNING port)
            SELECT port FROM existing UNION ALL SELECT port FROM inserted
            """, connection, tx);
        lease.Parameters.Add(new() { Value = taskId });
        lease.Parameters.Add(new() { Value = options.Value.PortFrom });
        lease.Parameters.Add(new() { Value = options.Value.PortTo });
        lease.Parameters.Add(new() { Value = skip.ToArray() });
        var port = await lease.ExecuteScalarAsync(ct) as int?
            ?? throw new PreviewPortsExhaustedException(options.Value.PortFrom, options.Value.PortTo);
        await tx.CommitAsync(ct);
        return port;
    }

    static bool IsFreeOnLoopback(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

public sealed class PreviewPortsExhaustedException(int from, int to)
    : InvalidOperationException($"Every preview port from {from} to {to} is taken: delete old previews or widen Catalyst:Preview:PortFrom/PortTo.");
