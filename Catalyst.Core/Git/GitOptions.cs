namespace Catalyst.Core.Git;

public sealed class GitOptions
{
    public const string Section = "Catalyst:Git";

    public string AuthorName { get; set; } = "Catalyst AI";
    public string AuthorEmail { get; set; } = "ai@catalyst.dev";
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
