using System.ComponentModel.DataAnnotations;

namespace Catalyst.Api.Security;

/// <summary>How much one caller may ask of the Api: the size of a request body, and how often it may start work.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Catalyst:Limits";

    /// <summary>The largest request body accepted (a prompt is at most 20,000 characters; 1 MiB leaves room for a corrected spec).</summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Submissions (new tasks, chat messages) one caller may make per <see cref="SubmissionWindow"/>.</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerWindow { get; set; } = 60;

    public TimeSpan SubmissionWindow { get; set; } = TimeSpan.FromMinutes(1);
}
