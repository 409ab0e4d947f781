using Microsoft.Extensions.Logging;

namespace Catalyst.Core.Security.Logging;

/// <summary>
/// The host's logger factory with every logger wrapped in a <see cref="RedactingLogger"/>. Wrapping the factory
/// rather than each provider covers the console, the OpenTelemetry exporter and any provider added later, in
/// whatever order they were registered.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
