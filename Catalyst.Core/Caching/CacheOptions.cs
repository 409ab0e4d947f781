using System.ComponentModel.DataAnnotations;

namespace Catalyst.Core.Caching;

/// <summary>
/// How long cached reads live. Entries keyed by a commit never go stale (commits are immutable), so the expiry
/// only bounds memory and Redis space, not correctness.
/// </summary>
public sealed class CacheOptions
{
    public const string Section = "Catalyst:Cache";

    /// <summary>How long an entry lives in the shared L2 (Redis), and in memory unless <see cref="LocalExpiration"/> says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an entry lives in this process's memory (L1); defaults to <see cref="Expiration"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan? LocalExpiration { get; set; }

    /// <summary>Larger values are returned but not cached (a 1 MiB file is ~1.4 MiB once serialised).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaximumPayloadBytes { get; set; } = 4 * 1024 * 1024;
}
