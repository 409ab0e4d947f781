using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Catalyst.Core.Security.Logging;

public static class LoggingBuilderExtensions
{
    /// <summary>
    /// Masks tokens, keys and passwords in everything the host logs (<see cref="SecretRedactor"/>'s shapes), so a
    /// connection string or a bearer token quoted in a message never reaches the console or the dashboard.
    /// </summary>
    public static ILoggingBuilder AddSecretRedaction(this ILoggingBuilder logging)
    {
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return logging;
    }
}
