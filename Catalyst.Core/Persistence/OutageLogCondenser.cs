using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalyst.Core.Persistence;

/// <summary>
/// While the database server is away, every command, connection and save fails, and EF Core, Npgsql, health checks
/// and each background loop log the failure with its stack trace: thousands of lines in seconds that bury the one
/// the supervisor writes. Wrapping the logger factory, an entry whose exception is an outage
/// (<see cref="DatabaseOutage"/>) is written once per kind (category and event) per <see cref="Window"/>, as one
/// line with the reason and no stack trace. A few entries that echo every failed attempt come without their
/// exception (<see cref="Echoes"/>); they are written once per kind per window too. Every other entry passes untouched.
/// </summary>
public sealed class OutageLogCondenser(ILoggerFactory inner, TimeProvider time) : ILoggerFactory
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Logged on every failed attempt, without the exception that would tell an outage from other failures.</summary>
    static readonly HashSet<(string Category, int EventId)> Echoes =
    [
        // EF Core's own errors: the caller gets the exception (and logs it, condensed when it is an outage).
        ("Microsoft.EntityFrameworkCore.Database.Connection", 20004),              // ConnectionError
        ("Microsoft.EntityFrameworkCore.Database.Command", 20102),                 // CommandError, with its SQL
        ("Microsoft.EntityFrameworkCore.Database.Transaction", 20205),             // TransactionError
        ("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", 103), // a check ended unhealthy, on each probe
    ];

    readonly ConcurrentDictionary<string, DateTimeOffset> lastWritten = new();

    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName), categoryName, this);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    bool FirstOfItsKind(string kind)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (!lastWritten.TryGetValue(kind, out var last)) { if (lastWritten.TryAdd(kind, now)) return true; continue; }
            if (now - last < Window) return false;
            if (lastWritten.TryUpdate(kind, now, last)) return true;
        }
    }

    /// <summary>What went wrong, in one line: "57P01: terminating connection due to ..." or "Connection refused".</summary>
    static string Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException or SocketException or IOException or EndOfStreamException) return FirstLine(e.Message);
        return FirstLine(exception.Message);
    }

    static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r', ' ');

    sealed class Logger(ILogger inner, string category, OutageLogCondenser condenser) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var outage = exception is not null && logLevel >= LogLevel.Warning && DatabaseOutage.IsOutage(exception);
            var echo = exception is null && logLevel >= LogLevel.Warning && Echoes.Contains((category, eventId.Id));
            if (!outage && !echo)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            if (!inner.IsEnabled(logLevel) || !condenser.FirstOfItsKind(KindOf(eventId, state))) return;
            var line = outage
                ? $"{FirstLine(formatter(state, null))} The database is unavailable ({Reason(exception!)}); this error is not logged again for {Window.TotalMinutes:0} min."
                : $"{FirstLine(formatter(state, null))} (repeats are not logged for {Window.TotalMinutes:0} min)";
            inner.Log(logLevel, eventId, line, null, static (s, _) => s);
        }

        // A health check's name is part of its kind: one unhealthy check must not hide another.
        string KindOf<TState>(EventId eventId, TState state) =>
            state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "HealthCheckName").Value is { } check
                ? $"{category}[{eventId.Id}]:{check}"
                : $"{category}[{eventId.Id}]";
    }
}
