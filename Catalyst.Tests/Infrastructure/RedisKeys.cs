using System.Diagnostics;
using StackExchange.Redis;

namespace Catalyst.Tests.Infrastructure;

/// <summary>
/// HybridCache writes Redis in the background of the read that filled an entry (its caller has the value first),
/// so a test that looks in Redis, or reads from another host, waits for the keys to be there.
/// </summary>
public static class RedisKeys
{
    public static async Task<IReadOnlyList<string>> WaitForAsync(IConnectionMultiplexer redis, string pattern, int count, CancellationToken ct)
    {
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var keys = server.Keys(pattern: pattern).Select(k => (string)k!).ToList();
            if (keys.Count >= count || clock.Elapsed > TimeSpan.FromSeconds(30)) return keys;
            await Task.Delay(20, ct);
        }
    }
}
