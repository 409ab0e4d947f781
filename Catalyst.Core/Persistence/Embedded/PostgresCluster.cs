using System.Runtime.Versioning;
using System.Security.Cryptography;
using Catalyst.Core.Networking;
using Catalyst.Core.Processes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalyst.Core.Persistence.Embedded;

/// <summary>
/// A private PostgreSQL cluster in one directory: created with initdb on first use, started on a free loopback
/// port, reused across restarts, stopped on request. Used by embedded mode and by the test fixtures.
/// When the process runs as root (where initdb and postgres refuse to run) the server runs as the
/// 'postgres' system user instead. A <paramref name="reservedPort"/> (see <see cref="EmbeddedPostgresEndpoint"/>)
/// is kept; without one the server takes a free port.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PostgresCluster(
    PostgresBinaries binaries, string baseDirectory, IProcessRunner runner, ILogger logger, string extraServerOptions = "",
    int? reservedPort = null)
{
    const string SystemUser = "postgres";
    const string Superuser = "postgres";

    readonly string? runAs = Environment.IsPrivilegedProcess ? SystemUser : null;

    public string BaseDirectory { get; } = Path.GetFullPath(baseDirectory);
    public string DataDirectory => DataDirectoryIn(BaseDirectory);
    string SocketDirectory => Path.Combine(BaseDirectory, "run");
    string LogFile => Path.Combine(BaseDirectory, "postgres.log");
    string PasswordFile => PasswordFileIn(BaseDirectory);

    internal static string PasswordFileIn(string baseDirectory) => Path.Combine(baseDirectory, "superuser.password");
    internal static string DataDirectoryIn(string baseDirectory) => Path.Combine(baseDirectory, "data");

    public int Port { get; private set; } = reservedPort ?? 0;
    public bool StartedByUs { get; private set; }

    /// <summary>Creates the cluster if needed and starts it (or adopts one left running by a crashed process).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(BaseDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (runAs is not null) await GrantServerUserAccessAsync(ct);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) await InitAsync(ct);

        if (await IsRunningAsync(ct) && RunningPort(BaseDirectory) is { } runningPort && (reservedPort is null || reservedPort == runningPort))
        {
            Port = runningPort;
            StartedByUs = true;
            logger.LogInformation("Reusing the PostgreSQL server already running on port {Port} for {DataDirectory}", Port, DataDirectory);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            if (reservedPort is null) Port = LoopbackPort.Free();
            var start = await StartServerAsync(ct);
            if (start.Succeeded) break;
            // Another process may have taken the port between probing and binding; try a fresh one. A reserved
            // port was already handed out in a connection string, so there is nothing to retry with.
            if (attempt == 3 || reservedPort is not null) throw new InvalidOperationException(
                $"PostgreSQL did not start on port {Port} (see {LogFile}): {start.StandardError.Trim()} {start.StandardOutput.Trim()}");
        }
        StartedByUs = true;
        logger.LogInformation("PostgreSQL started on 127.0.0.1:{Port} with data in {DataDirectory}", Port, DataDirectory);
    }

    /// <summary>
    /// Starts the server again after it died, on the same port, so connection strings handed out stay valid.
    /// Fails while the dead server's leftovers are in the way (its backends still exiting, the port not yet
    /// free); the caller retries.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        if (IsServerAlive()) return;
        var start = await StartServerAsync(ct);
        if (!start.Succeeded) throw new InvalidOperationException(
            $"PostgreSQL did not restart on port {Port} (see {LogFile}): {start.StandardError.Trim()} {start.StandardOutput.Trim()}");
        StartedByUs = true;
        logger.LogInformation("PostgreSQL restarted on 127.0.0.1:{Port}", Port);
    }

    /// <summary>The postmaster's process id, from postmaster.pid; null when the server is not running.</summary>
    public int? ServerProcessId => ServerProcessIdIn(BaseDirectory);

    /// <summary>A cheap liveness check for a supervisor: the postmaster named in postmaster.pid is a live process.</summary>
    public bool IsServerAlive() => IsServerAliveIn(BaseDirectory);

    static int? ServerProcessIdIn(string baseDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataDirectoryIn(baseDirectory), "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException) { return null; } // no file: not running, or being rewritten right now
        catch (UnauthorizedAccessException) { return null; }
    }

    internal static bool IsServerAliveIn(string baseDirectory)
    {
        if (ServerProcessIdIn(baseDirectory) is not { } pid) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }

    Task<ProcessResult> StartServerAsync(CancellationToken ct) =>
        runner.RunAsync(Tool(binaries.PgCtl,
            "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o",
            // pg_ctl hands -o to a shell: the socket folder is quoted so spaces or quotes in the data root stay literal.
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {ShellQuote(SocketDirectory)} {extraServerOptions}".TrimEnd(), "start"), ct);

    public async Task StopAsync(CancellationToken ct)
    {
        if (!StartedByUs) return;
        var stop = await runner.RunAsync(Tool(binaries.PgCtl, "-D", DataDirectory, "-m", "fast", "-w", "stop"), ct);
        StartedByUs = false;
        if (!stop.Succeeded) logger.LogWarning("pg_ctl stop failed: {Error}", stop.StandardError.Trim());
        else logger.LogInformation("PostgreSQL stopped ({DataDirectory})", DataDirectory);
    }

    public string ConnectionString(string database) => ConnectionString(Port, File.ReadAllText(PasswordFile).Trim(), database);

    internal static string ConnectionString(int port, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = Superuser,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>The superuser's password, created on first use; initdb takes it from the same file.</summary>
    internal static string EnsurePassword(string baseDirectory)
    {
        var file = PasswordFileIn(baseDirectory);
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(baseDirectory);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(file, password);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    async Task InitAsync(CancellationToken ct)
    {
        if (Directory.Exists(DataDirectory))
        {
            // Only an initdb that died early is cleared away; anything that looks like data is never deleted.
            if (Directory.Exists(Path.Combine(DataDirectory, "base")) || Directory.Exists(Path.Combine(DataDirectory, "global")))
                throw new InvalidOperationException(
                    $"{DataDirectory} holds database files but no PG_VERSION; it is not a usable cluster. Move it away or fix it.");
            Directory.Delete(DataDirectory, recursive: true);
        }
        EnsurePassword(BaseDirectory);
        if (runAs is not null) await ChownAsync(PasswordFile, ct);

        logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", DataDirectory);
        (await runner.RunAsync(Tool(binaries.InitDb,
            "-D", DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C.UTF-8",
            "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={PasswordFile}") with { Timeout = TimeSpan.FromMinutes(2) }, ct))
            .EnsureSuccess(Tool(binaries.InitDb, "-D", DataDirectory));
    }

    async Task<bool> IsRunningAsync(CancellationToken ct) =>
        File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))
        && (await runner.RunAsync(Tool(binaries.PgCtl, "-D", DataDirectory, "status"), ct)).ExitCode == 0;

    /// <summary>The port in postmaster.pid (its 4th line), when that file exists; it may be left by a dead server.</summary>
    internal static int? RunningPort(string baseDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(DataDirectoryIn(baseDirectory), "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    async Task GrantServerUserAccessAsync(CancellationToken ct)
    {
        await ChownAsync(BaseDirectory, ct, recursive: true);
        File.SetUnixFileMode(BaseDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // The server user must be able to traverse every parent folder. Where one (typically /root) does not
        // allow it, grant traversal only (o+x: no listing, no reading), and say so.
        var probe = await runner.RunAsync(new ProcessSpec("test", ["-x", BaseDirectory]).AsUser(runAs), ct);
        if (probe.Succeeded) return;
        for (var dir = Directory.GetParent(BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (mode.HasFlag(UnixFileMode.OtherExecute)) continue;
            File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
            logger.LogWarning(
                "Granted other users traversal (o+x, no read) on {Directory} so the '{User}' user can reach the database files",
                dir.FullName, runAs);
        }
    }

    async Task ChownAsync(string path, CancellationToken ct, bool recursive = false)
    {
        var chown = new ProcessSpec("chown", recursive ? ["-R", $"{runAs}:", path] : [$"{runAs}:", path]);
        (await runner.RunAsync(chown, ct)).EnsureSuccess(chown);
    }

    ProcessSpec Tool(string path, params string[] arguments) =>
        new ProcessSpec(path, arguments) { Timeout = TimeSpan.FromSeconds(90) }.AsUser(runAs);

    static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

}
