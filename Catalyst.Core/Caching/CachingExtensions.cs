using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Catalyst.Core.Caching;

public static class CachingExtensions
{
    /// <summary>The connection string (ConnectionStrings:cache) that, when set, makes Redis the shared L2.</summary>
    public const string ConnectionName = "cache";

    /// <summary>Prefixes every key Catalyst writes to Redis, so a shared server's other users never collide with it.</summary>
    public const string RedisInstanceName = "catalyst:";

    /// <summary>
    /// <see cref="HybridCache"/> for expensive, repeatable reads. Always an in-memory L1 (embedded mode needs
    /// nothing else); with a <c>cache</c> connection string, Redis as the L2 that every Api and worker process
    /// shares, through Aspire's Redis client (its health check and telemetry included). Safe to call twice.
    /// </summary>
    public static IHostApplicationBuilder AddCatalystCache(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(CatalystCacheMarker))) return builder;
        services.AddSingleton<CatalystCacheMarker>();

        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CacheOptions>>((hybrid, catalyst) =>
        {
            var options = catalyst.Value;
            hybrid.MaximumPayloadBytes = options.MaximumPayloadBytes;
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = options.Expiration,
                LocalCacheExpiration = options.LocalExpiration ?? options.Expiration,
            };
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CachingExtensions.ConnectionName))) return builder;

        // Aspire's client owns the connection (health check, tracing, configuration under Aspire:StackExchange:Redis);
        // the distributed cache HybridCache finds as its L2 borrows it.
        // A cache that is away must cost a miss, not a wait: start without it and fail its commands at once.
        builder.AddRedisClient(ConnectionName, configureOptions: redis =>
        {
            redis.AbortOnConnectFail = false;
            redis.BacklogPolicy = BacklogPolicy.FailFast;
        });
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((redis, provider) =>
        {
            redis.InstanceName = RedisInstanceName;
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
        });
        return builder;
    }

    sealed class CatalystCacheMarker;
}
