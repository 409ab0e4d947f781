using System.Net;
using Npgsql;

namespace Catalyst.Agents.Explorer.Database;

/// <summary>
/// A PostgreSQL connection string to scan, and how to name it anywhere it can be seen: host, port and database
/// only. Keyword form ("Host=...;Database=...") and URL form (postgresql://user:pass@host:port/db?sslmode=...) are read.
/// </summary>
/// <remarks>A class, not a record: a record's generated ToString would print the connection string.</remarks>
public sealed class DatabaseTarget
{
    readonly string? password;

    DatabaseTarget(string connectionString, string display, string? password)
    {
        ConnectionString = connectionString;
        Display = display;
        this.password = password;
    }

    /// <summary>The connection string itself: for opening the connection, never for showing.</summary>
    internal string ConnectionString { get; }

    /// <summary>host:port/database.</summary>
    public string Display { get; }

    public override string ToString() => Display;

    const string Malformed = "(a malformed connection string)";

    /// <summary>The target, or why it may not be scanned. The reason never quotes the connection string.</summary>
    public static DatabaseTarget? Parse(string text, DatabaseScanOptions options, out string? refusal)
    {
        refusal = null;
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(FromUrl(text.Trim())); }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or InvalidCastException)
        {
            refusal = "The target is not a PostgreSQL connection string (keywords such as Host=...;Database=... or a postgresql:// URL).";
            return null;
        }
        if (string.IsNullOrWhiteSpace(builder.Host)) { refusal = "The connection string names no host."; return null; }
        if (string.IsNullOrWhiteSpace(builder.Database)) { refusal = "The connection string names no database."; return null; }
        var display = Describe(builder);
        foreach (var host in builder.Host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(HostOnly))
            if (!IsAllowedHost(host, options.AllowedHosts))
            {
                refusal = $"{host} is not an allowed database host (loopback, local sockets and {DatabaseScanOptions.Section}:AllowedHosts).";
                return null;
            }
        return new DatabaseTarget(builder.ConnectionString, display, string.IsNullOrEmpty(builder.Password) ? null : builder.Password);
    }

    /// <summary>host:port/database for a connection string, for whoever needs to show or store the target (never the password or user).</summary>
    public static string Redact(string text)
    {
        try { return Describe(new NpgsqlConnectionStringBuilder(FromUrl(text.Trim()))); }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or InvalidCastException) { return Malformed; }
    }

    /// <summary>The text with the password taken out, for messages that come from the server or the driver.</summary>
    public string Scrub(string message) => password is { Length: > 0 } ? message.Replace(password, "***", StringComparison.Ordinal) : message;

    static string Describe(NpgsqlConnectionStringBuilder builder) => $"{builder.Host}:{builder.Port}/{builder.Database}";

    static bool IsAllowedHost(string host, IReadOnlyList<string> allowed)
    {
        // A path is a Unix-domain socket directory (an abstract one starts with @): the server is on this machine.
        if (host.StartsWith('/') || host.StartsWith('@')) return true;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var literal = IPAddress.TryParse(host, out var address) ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address : null;
        if (literal is not null && IPAddress.IsLoopback(literal)) return true;
        return allowed.Any(entry => entry.Trim().Equals(host, StringComparison.OrdinalIgnoreCase)
                                    || literal is not null && IPNetwork.TryParse(entry.Trim(), out var network) && network.Contains(literal));
    }

    /// <summary>"host:5433" or "[::1]:5433" in a multi-host list: the host alone.</summary>
    static string HostOnly(string host)
    {
        if (host.StartsWith('[')) return host[1..host.IndexOf(']')];
        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':') == colon ? host[..colon] : host;
    }

    static string FromUrl(string text)
    {
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)) return text;
        var url = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder { Host = url.IdnHost.Trim('[', ']'), Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')) };
        if (url.Port > 0) builder.Port = url.Port;
        if (url.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0) builder.Username = Uri.UnescapeDataString(user);
        if (url.UserInfo.Split(':', 2) is [_, var password]) builder.Password = Uri.UnescapeDataString(password);
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Split('=', 2) is [var key, var value]) builder[Uri.UnescapeDataString(key).Replace('_', ' ')] = Uri.UnescapeDataString(value);
        return builder.ConnectionString;
    }
}
