namespace Catalyst.Tests.Infrastructure;

/// <summary>One redis-server for the test run, started on first use; tests keep apart by their own keys.</summary>
public sealed class RedisServerFixture() : SharedServerFixture<RedisServer>("Redis")
{
    protected override string? Missing() => RedisServer.IsInstalled ? null : $"{RedisServer.Binary} was not found.";

    protected override RedisServer Create() => new();

    protected override Task StartAsync(RedisServer candidate) => candidate.StartAsync(CancellationToken.None);
}
