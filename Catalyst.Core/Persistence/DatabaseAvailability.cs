namespace Catalyst.Core.Persistence;

/// <summary>
/// Whether the database server is up, as its supervisor (<see cref="Embedded.EmbeddedPostgresService"/>) sees it.
/// While it is down, the Api answers 503 with <see cref="RetryAfter"/> instead of failing each request, and
/// background work waits instead of logging one error per attempt. A configured database is not supervised
/// and always counts as available; its failures are still recognised by <see cref="DatabaseOutage"/>.
/// </summary>
public sealed class DatabaseAvailability
{
    volatile Outage? current;

    public bool IsAvailable => current is null;

    /// <summary>When a caller should try again: the supervisor's next restart attempt, at least one second away.</summary>
    public TimeSpan RetryAfter => current?.RetryAfter ?? TimeSpan.Zero;

    public DateTimeOffset? DownSince => current?.Since;

    public void MarkDown(DateTimeOffset since, TimeSpan retryAfter) => current = new(since, Max(retryAfter));

    public void ExpectBackIn(TimeSpan retryAfter)
    {
        if (current is { } outage) current = outage with { RetryAfter = Max(retryAfter) };
    }

    public void MarkUp() => current = null;

    static TimeSpan Max(TimeSpan retryAfter) => retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter;

    sealed record Outage(DateTimeOffset Since, TimeSpan RetryAfter);
}
