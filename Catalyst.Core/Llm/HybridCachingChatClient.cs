using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;

namespace Catalyst.Core.Llm;

/// <summary>
/// The library's caching stage (<see cref="CachingChatClient"/>: it decides what is cacheable, and replays a
/// cached stream as a stream) stored in the app's <see cref="HybridCache"/>: in memory, and in Redis
/// shared by every process when <c>ConnectionStrings:cache</c> is set. Microsoft.Extensions.AI ships only an
/// IDistributedCache store (UseDistributedCache), which embedded mode does not have and which would bypass the
/// memory level. A response read back is marked <see cref="CacheHitProperty"/>, so the meter records it as a
/// cache hit that cost nothing.
/// </summary>
public sealed class HybridCachingChatClient(IChatClient inner, HybridCache cache, string model, TimeSpan expiration) : CachingChatClient(inner)
{
    public const string CacheHitProperty = "catalyst.cache_hit";

    static readonly JsonSerializerOptions Json = AIJsonUtilities.DefaultOptions;
    static readonly string[] Tags = ["llm"];

    // A read must not store the miss: GetOrCreate with writes turned off is HybridCache's "try get".
    static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    HybridCacheEntryOptions Write => new() { Expiration = expiration, LocalCacheExpiration = expiration };

    // The library's hash, as its own distributed cache keys entries; the model is not in the options (it is the
    // provider client's), so it is part of the key, with a version to change when the stored shape does.
    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options, params ReadOnlySpan<object?> additionalValues) =>
        "llm:" + AIJsonUtilities.HashDataToString(["catalyst-llm-v1", model, messages, options, .. additionalValues], Json);

    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        if (await ReadAsync(key, cancellationToken) is not { } json || JsonSerializer.Deserialize<ChatResponse>(json, Json) is not { } response) return null;
        (response.AdditionalProperties ??= [])[CacheHitProperty] = true;
        return response;
    }

    protected override async Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(string key, CancellationToken cancellationToken)
    {
        if (await ReadAsync(key, cancellationToken) is not { } json || JsonSerializer.Deserialize<List<ChatResponseUpdate>>(json, Json) is not { Count: > 0 } updates) return null;
        (updates[0].AdditionalProperties ??= [])[CacheHitProperty] = true;
        return updates;
    }

    protected override async Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        await cache.SetAsync(key, JsonSerializer.Serialize(value, Json), Write, Tags, cancellationToken);

    protected override async Task WriteCacheStreamingAsync(string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken) =>
        await cache.SetAsync(key, JsonSerializer.Serialize(value, Json), Write, Tags, cancellationToken);

    ValueTask<string?> ReadAsync(string key, CancellationToken ct) =>
        cache.GetOrCreateAsync(key, _ => ValueTask.FromResult<string?>(null), ReadOnly, Tags, ct);

    /// <summary>Whether a response (or any of its streamed updates) came from the cache.</summary>
    public static bool IsCacheHit(ChatResponse response) =>
        response.AdditionalProperties?.ContainsKey(CacheHitProperty) == true;
}
