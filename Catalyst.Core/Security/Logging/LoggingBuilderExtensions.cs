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
        logging.Services.DecorateLoggerFactory((inner, _) => new RedactingLoggerFactory(inner));
        return logging;
    }

    /// <summary>
    /// Wraps the host's logger factory, whichever decorations were registered before: each one sees every entry,
    /// from every provider, in the order they were added.
    /// </summary>
    public static IServiceCollection DecorateLoggerFactory(this IServiceCollection services, Func<ILoggerFactory, IServiceProvider, ILoggerFactory> decorate)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && d.ImplementationFactory is not null);
        Func<IServiceProvider, ILoggerFactory> inner = existing?.ImplementationFactory is { } factory
            ? sp => (ILoggerFactory)factory(sp)
            : sp => ActivatorUtilities.CreateInstance<LoggerFactory>(sp);
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => decorate(inner(sp), sp)));
        return services;
    }
}
