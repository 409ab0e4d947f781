using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalyst.Core.Llm;

public static class LlmExtensions
{
    /// <summary>
    /// The agents' models: <see cref="AgentModels"/> gives each agent its client when <c>ConnectionStrings:llm</c> is
    /// set, and nothing otherwise, so with no model no call can be made.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystLlm(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(AgentModels))) return builder; // the Api and its embedded agents both ask
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section)
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.AttemptTimeout < o.TotalTimeout,
                "Catalyst:Llm:AttemptTimeout must be positive and shorter than Catalyst:Llm:TotalTimeout (the whole call, retries included).")
            .Validate(o => o.MaxCostPerTask is null or >= 0, "Catalyst:Llm:MaxCostPerTask cannot be negative.")
            .ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString(LlmConnection.ConnectionName);
        // A malformed connection string stops the host at start, with the reason, rather than at the first task.
        var connection = string.IsNullOrWhiteSpace(connectionString) ? null : LlmConnection.Parse(connectionString);
        services.AddSingleton<LlmCallLedger>();
        services.AddSingleton(sp => new AgentModels(connection, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<LlmCallLedger>(),
            sp.GetRequiredService<IOptionsMonitor<LlmOptions>>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetService<HybridCache>()));

        // The hosts' defaults give every client a standard handler; this one gets its own, with the model's timeouts.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the default.
        services.AddHttpClient(AgentModels.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                resilience.AttemptTimeout.Timeout = llm.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = llm.TotalTimeout;
                // The breaker must watch at least two attempts' worth of time.
                resilience.CircuitBreaker.SamplingDuration = llm.AttemptTimeout * 2 + TimeSpan.FromSeconds(1);
            });
#pragma warning restore EXTEXP0001
        return builder;
    }
}
