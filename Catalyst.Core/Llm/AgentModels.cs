using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace Catalyst.Core.Llm;

/// <summary>
/// The model an agent talks to, when one is configured (<c>ConnectionStrings:llm</c>); null otherwise, and the
/// agent uses the offline generator. Each client is the library's pipeline: metering (budget and ledger), caching
/// (HybridCache), OpenTelemetry with the GenAI conventions, and logging, over the provider's client, whose HTTP goes through
/// the standard resilience handler (timeouts, retries that honour Retry-After, circuit breaker).
/// </summary>
public sealed class AgentModels(
    LlmConnection? connection, IHttpClientFactory http, LlmCallLedger ledger, IOptionsMonitor<LlmOptions> options, ILoggerFactory loggers,
    HybridCache? cache = null)
{
    public const string HttpClientName = "catalyst-llm";
    public const string TelemetrySource = "Catalyst.Llm";

    readonly ConcurrentDictionary<string, IChatClient> providers = new();

    public bool Enabled => connection is not null;

    /// <summary>The model name the agent uses, or null when no model is configured.</summary>
    public string? ModelFor(string agent) => connection is null ? null : options.CurrentValue.ModelFor(agent, connection);

    /// <summary>The agent's client; <paramref name="onSpent"/> is told the task's total cost after each call.</summary>
    public IChatClient? For(string agent, Guid? taskId, Action<decimal>? onSpent = null)
    {
        if (connection is null) return null;
        var model = options.CurrentValue.ModelFor(agent, connection);
        var provider = providers.GetOrAdd(model, Create);
        var expiration = options.CurrentValue.CacheExpiration;
        // Metering is outermost, so an answer from the cache is recorded too (as a hit, at no cost); a hit makes no
        // GenAI span, since no model was asked.
        return provider.AsBuilder()
            .Use(inner => new MeteredChatClient(inner, new LlmCallSite(agent, taskId, connection.Provider, onSpent), model, ledger, options))
            .Use(inner => cache is null || expiration <= TimeSpan.Zero ? inner : new HybridCachingChatClient(inner, cache, model, expiration))
            .UseOpenTelemetry(loggers, TelemetrySource)
            .UseLogging(loggers)
            .Build();
    }

    IChatClient Create(string model)
    {
        var client = http.CreateClient(HttpClientName);
        var key = new ApiKeyCredential(connection!.Key ?? "none");
        // Retries are the resilience handler's job; the SDK's own would multiply them.
        var transport = new HttpClientPipelineTransport(client);
        var noRetries = new ClientRetryPolicy(maxRetries: 0);
        return connection.Provider switch
        {
            LlmProvider.OpenAI => new OpenAIClient(key, new OpenAIClientOptions { Endpoint = connection.Endpoint, Transport = transport, RetryPolicy = noRetries, NetworkTimeout = Timeout.InfiniteTimeSpan })
                .GetChatClient(model).AsIChatClient(),
            LlmProvider.Azure => new AzureOpenAIClient(connection.Endpoint, key, new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = noRetries, NetworkTimeout = Timeout.InfiniteTimeSpan })
                .GetChatClient(model).AsIChatClient(),
            LlmProvider.Ollama => new OllamaApiClient(WithBase(client, connection.Endpoint), model),
            _ => throw new NotSupportedException($"The model provider {connection.Provider} is not supported."),
        };
    }

    static HttpClient WithBase(HttpClient client, Uri endpoint)
    {
        client.BaseAddress = endpoint;
        return client;
    }
}
