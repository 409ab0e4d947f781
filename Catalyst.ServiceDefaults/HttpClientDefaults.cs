using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Default resilience for every HttpClient from IHttpClientFactory: a total timeout, retries with jittered
/// exponential back-off on transient failures, and a per-attempt timeout. Microsoft.Extensions.Http.Resilience
/// does not restore here, so this is the same pipeline built from Polly.Core directly.
/// </summary>
public static class HttpClientDefaults
{
    public static IServiceCollection AddCatalystHttpClientDefaults(this IServiceCollection services)
    {
        services.ConfigureHttpClientDefaults(http =>
        {
            http.ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(100));
            http.AddHttpMessageHandler(() => new ResilienceHandler(CreatePipeline()));
        });
        return services;
    }

    internal static ResiliencePipeline<HttpResponseMessage> CreatePipeline() =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
            })
            .AddTimeout(TimeSpan.FromSeconds(30))
            .Build();

    static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || (int)response.StatusCode >= 500;

    sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Request content can only be sent once; only retry requests whose body is absent or buffered.
            if (request.Content is not null) await request.Content.LoadIntoBufferAsync(cancellationToken);
            return await pipeline.ExecuteAsync(
                async token => await base.SendAsync(request, token), cancellationToken);
        }
    }
}
