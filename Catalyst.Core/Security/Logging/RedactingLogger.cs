using Microsoft.Extensions.Logging;

namespace Catalyst.Core.Security.Logging;

/// <summary>
/// Masks credentials in a log entry before any provider sees it: the rendered message and every string
/// argument, so structured exporters (which read the arguments, not the message) get the masked values too.
/// An exception is passed on as it is; its message is the one thing a provider may still print unmasked.
/// </summary>
sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        var message = SecretRedactor.Redact(formatter(state, exception));
        var arguments = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        inner.Log(logLevel, eventId, new RedactedLogState(message, arguments), exception, static (s, _) => s.Message);
    }
}
