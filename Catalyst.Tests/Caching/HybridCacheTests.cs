using System.Diagnostics;
using Catalyst.Core.Caching;
using Catalyst.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Catalyst.Tests.Caching;

/// <summary>AddCatalystCache in real hosts: HybridCache alone, and with a real redis-server as the shared L2.</summary>
public sealed class HybridCacheTests(RedisServerFixture redis)
{
    public sealed record Answer(string Text, int Number);

    CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host as the Api and the agents worker build theirs, as far as the cache goes.</summary>
    static async Task<IHost> StartHostAsync(string? cacheConnection, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        if (cacheConnection is not null) builder.Configuration[$"ConnectionStrings:{CachingExtensions.ConnectionName}"] = cacheConnection;
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddCatalystCache();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    sealed class CountingFactory
    {
        int calls;

        public int Calls => calls;

        public ValueTask<Answer> ComputeAsync(CancellationToken _)
        {
            var n = Interlocked.Increment(ref calls);
            return ValueTask.FromResult(new Answer($"computed by call {n}", 42));
        }
    }

    [Fact]
    public async Task Two_hosts_on_one_redis_share_entries_so_the_second_never_runs_the_factory()
    {
        var server = await redis.GetAsync();
        var key = $"test:shared:{Guid.NewGuid():N}";
        var factory = new CountingFactory();
        using var first = await StartHostAsync(server.ConnectionString);
        using var second = await StartHostAsync(server.ConnectionString);

        var written = await first.Services.GetRequiredService<HybridCache>().GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct);
        await RedisKeys.WaitForAsync(first.Services.GetRequiredService<IConnectionMultiplexer>(), CachingExtensions.RedisInstanceName + key, 1, Ct);
        var read = await second.Services.GetRequiredService<HybridCache>().GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct);

        Assert.Equal(1, factory.Calls);
        Assert.Equal(new Answer("computed by call 1", 42), read);
        Assert.Equal(written, read);
        // The second host's memory was empty: the entry came from Redis, where it sits under Catalyst's prefix.
        var database = first.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.True(await database.KeyExistsAsync(CachingExtensions.RedisInstanceName + key));
    }

    [Fact]
    public async Task An_entry_removed_by_its_tag_is_not_served_from_redis_to_another_host()
    {
        var server = await redis.GetAsync();
        var key = $"test:tagged:{Guid.NewGuid():N}";
        var tag = $"project:{Guid.NewGuid():N}";
        var factory = new CountingFactory();
        using var first = await StartHostAsync(server.ConnectionString);
        using var second = await StartHostAsync(server.ConnectionString);
        var firstCache = first.Services.GetRequiredService<HybridCache>();
        var secondCache = second.Services.GetRequiredService<HybridCache>();
        await firstCache.GetOrCreateAsync(key, factory.ComputeAsync, tags: [tag], cancellationToken: Ct);

        await firstCache.RemoveByTagAsync(tag, Ct);
        var afterEviction = await secondCache.GetOrCreateAsync(key, factory.ComputeAsync, tags: [tag], cancellationToken: Ct);

        Assert.Equal(2, factory.Calls);
        Assert.Equal("computed by call 2", afterEviction.Text);
    }

    [Fact]
    public async Task Without_a_cache_connection_string_entries_live_in_each_process_memory_only()
    {
        var key = $"test:local:{Guid.NewGuid():N}";
        var factory = new CountingFactory();
        using var first = await StartHostAsync(cacheConnection: null);
        using var second = await StartHostAsync(cacheConnection: null);
        var cache = first.Services.GetRequiredService<HybridCache>();

        var computed = await cache.GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct);
        var remembered = await cache.GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct);
        await second.Services.GetRequiredService<HybridCache>().GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct);

        Assert.Equal(computed, remembered);
        Assert.Equal(2, factory.Calls); // once per process: nothing is shared
        Assert.Null(first.Services.GetService<IConnectionMultiplexer>());
        Assert.Null(first.Services.GetService<IDistributedCache>());
    }

    [Fact]
    public async Task A_redis_that_is_not_there_costs_misses_not_failures_and_memory_keeps_serving()
    {
        var key = $"test:away:{Guid.NewGuid():N}";
        var factory = new CountingFactory();
        var clock = Stopwatch.StartNew();
        using var host = await StartHostAsync($"127.0.0.1:{FreePort.Next()},connectTimeout=500");
        Assert.False(host.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected); // started all the same
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the host took {clock.Elapsed} to start"); // it does not wait for Redis
        clock.Restart();
        var cache = host.Services.GetRequiredService<HybridCache>();

        // HybridCache reads its invalidation marks from Redis; until those reads have failed (at once: the
        // client fails fast) an entry may be computed again. Then memory serves, without asking Redis.
        var before = -1;
        for (var attempt = 0; attempt < 50 && before != factory.Calls; attempt++)
        {
            before = factory.Calls;
            Assert.Equal(42, (await cache.GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct)).Number);
            await Task.Delay(20, Ct);
        }
        var settled = factory.Calls;
        for (var i = 0; i < 5; i++) await cache.GetOrCreateAsync(key, factory.ComputeAsync, cancellationToken: Ct);

        Assert.Equal(settled, factory.Calls);
        Assert.InRange(settled, 1, 3);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the calls took {clock.Elapsed}"); // a wait for Redis per call would be 500 ms each
    }

    [Fact]
    public async Task Entry_lifetimes_come_from_Catalyst_Cache_configuration()
    {
        using var host = await StartHostAsync(cacheConnection: null, new()
        {
            ["Catalyst:Cache:Expiration"] = "00:30:00",
            ["Catalyst:Cache:LocalExpiration"] = "00:02:00",
        });

        var options = host.Services.GetRequiredService<IOptions<HybridCacheOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(30), options.DefaultEntryOptions?.Expiration);
        Assert.Equal(TimeSpan.FromMinutes(2), options.DefaultEntryOptions?.LocalCacheExpiration);
    }

    [Fact]
    public async Task A_zero_expiration_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartHostAsync(cacheConnection: null, new() { ["Catalyst:Cache:Expiration"] = "00:00:00" }));
        Assert.Contains("Expiration", error.Message);
    }
}
