using Catalyst.Core.Persistence.Embedded;
using Catalyst.Tests.Infrastructure;
using Npgsql;

namespace Catalyst.Tests.Embedded;

/// <summary>
/// Embedded mode's address is settled before services are registered (Aspire's AddNpgsqlDbContext reads the
/// connection string then): a server still running keeps its port, a dead one's leftovers do not count, and the
/// password stays the one initdb was given.
/// </summary>
public sealed class EmbeddedPostgresEndpointTests
{
    [Fact]
    public void A_new_data_root_gets_a_password_file_only_its_owner_reads_and_keeps_it()
    {
        using var root = new TestDirectory("pg-endpoint");
        var first = EmbeddedPostgresEndpoint.Reserve(root.Path, "catalyst");
        var second = EmbeddedPostgresEndpoint.Reserve(root.Path, "catalyst");

        var password = new NpgsqlConnectionStringBuilder(first.ConnectionString).Password;
        Assert.Equal(48, password?.Length);
        Assert.Equal(password, new NpgsqlConnectionStringBuilder(second.ConnectionString).Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root.Path, "superuser.password")));
        Assert.Equal("catalyst", new NpgsqlConnectionStringBuilder(first.ConnectionString).Database);
    }

    [Fact]
    public void A_running_server_keeps_its_port_and_a_dead_ones_pid_file_is_ignored()
    {
        using var root = new TestDirectory("pg-endpoint");
        var pidFile = Path.Combine(root.Path, "data", "postmaster.pid");
        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);

        // postmaster.pid: pid, data directory, start time, port. This process stands in for a live postmaster.
        File.WriteAllLines(pidFile, [Environment.ProcessId.ToString(), root.Path, "0", "45678"]);
        Assert.Equal(45678, EmbeddedPostgresEndpoint.Reserve(root.Path, "catalyst").Port);

        File.WriteAllLines(pidFile, [int.MaxValue.ToString(), root.Path, "0", "45678"]);
        var fresh = EmbeddedPostgresEndpoint.Reserve(root.Path, "catalyst");
        Assert.NotEqual(45678, fresh.Port);
        Assert.Equal(fresh.Port, new NpgsqlConnectionStringBuilder(fresh.ConnectionString).Port);
    }
}
