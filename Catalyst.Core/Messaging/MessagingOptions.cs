using System.ComponentModel.DataAnnotations;

namespace Catalyst.Core.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Catalyst:Messaging";
    public const string RabbitMqConnectionName = "messaging";

    /// <summary>Retries after the first failed attempt; after the last, the event is dead-lettered and its task fails.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; each further retry waits twice as long as the one before.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>In-memory bus: events one agent may handle at the same time.</summary>
    [Range(1, 64)]
    public int ConcurrencyPerAgent { get; set; } = 4;

    /// <summary>
    /// How often a running handler's task is looked at for a cancellation (POST /api/tasks/{id}/cancel, perhaps
    /// in another process); a cancelled task's handler is stopped, its processes killed, its work not committed.
    /// </summary>
    public TimeSpan CancellationPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the outbox is swept for rows no in-process signal announced (other processes, crashes).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How often the Api samples the agents' queue depths for the queue-depth gauge.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryDelay(int retry) => TimeSpan.FromTicks(RetryBaseDelay.Ticks * (1L << Math.Clamp(retry - 1, 0, 20)));
}
